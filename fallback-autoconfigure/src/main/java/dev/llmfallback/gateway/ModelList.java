package dev.llmfallback.gateway;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of {@code GET /v1/models}.
 *
 * @param object always {@code list}
 * @param data the models
 */
record ModelList(String object, List<Entry> data) {

	static ModelList of(List<Entry> data) {
		return new ModelList("list", data);
	}

	/**
	 * One model.
	 *
	 * @param id the name to send as a request's {@code model}
	 * @param object always {@code model}
	 * @param created when the model was created; unknown, so 0
	 * @param ownedBy the provider that serves it
	 */
	record Entry(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {

		static Entry of(String id, String ownedBy) {
			return new Entry(id, "model", 0, ownedBy);
		}

	}

}
