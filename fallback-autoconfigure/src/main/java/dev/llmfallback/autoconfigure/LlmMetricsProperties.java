package dev.llmfallback.autoconfigure;

import java.util.ArrayList;
import java.util.List;

/**
 * The router's Micrometer meters.
 */
public class LlmMetricsProperties {

	/**
	 * Keys of 'ChatRequest' tags added to the 'llm.requests' and 'llm.request.duration'
	 * meters, as tags of the same name ('none' when a request lacks one). Only list
	 * low-cardinality keys, such as a feature or a tenant tier.
	 */
	private List<String> requestTags = new ArrayList<>();

	public List<String> getRequestTags() {
		return this.requestTags;
	}

	public void setRequestTags(List<String> requestTags) {
		this.requestTags = requestTags;
	}

}
