package dev.llmfallback.degradation;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.llmfallback.DegradationLevel;
import dev.llmfallback.Tier;

/**
 * Which degradation levels exist and what the lowest ones answer.
 *
 * @param levels the levels that may answer
 * @param staticMessage the static answer
 * @param staticMessages static answers by the request's minimum tier, overriding the
 * default
 * @param cacheMode when the cache answers
 * @param cacheWrites whether answers are stored in the cache
 */
public record DegradationSettings(Set<DegradationLevel> levels, String staticMessage, Map<Tier, String> staticMessages,
		CacheMode cacheMode, boolean cacheWrites) {

	public DegradationSettings {
		levels = Set.copyOf(levels);
		Objects.requireNonNull(staticMessage, "staticMessage must not be null");
		staticMessages = Map.copyOf(staticMessages);
		Objects.requireNonNull(cacheMode, "cacheMode must not be null");
	}

	/**
	 * When the response cache answers.
	 */
	public enum CacheMode {

		/** Only when every provider path failed. */
		FALLBACK_ONLY,

		/** Before calling any provider, when it has an answer. */
		ALWAYS

	}

}
