package dev.llmfallback.routing;

import java.util.EnumSet;
import java.util.Set;

import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;

/**
 * Which failures move a request on to the next provider: those whose HTTP status or kind
 * is listed in {@code llm.fallback.on-error}, and always a provider that could not be
 * reached or was skipped, since it cannot answer whatever the list says.
 *
 * @param statuses HTTP statuses that fall back
 * @param kinds error kinds that fall back
 */
public record FallbackPolicy(Set<Integer> statuses, Set<ErrorKind> kinds) {

	private static final Set<ErrorKind> ALWAYS = EnumSet.of(ErrorKind.CONNECTION, ErrorKind.CIRCUIT_OPEN,
			ErrorKind.LOCAL_LIMIT);

	public FallbackPolicy {
		statuses = Set.copyOf(statuses);
		kinds = Set.copyOf(kinds);
	}

	/**
	 * Whether a failure moves the request on to the next provider.
	 * @param error the failure of one provider call
	 * @return {@code true} to try the next provider, {@code false} to end the request
	 */
	public boolean shouldFallback(LlmException error) {
		return ALWAYS.contains(error.kind()) || this.kinds.contains(error.kind())
				|| (error.status() != null && this.statuses.contains(error.status()));
	}

}
