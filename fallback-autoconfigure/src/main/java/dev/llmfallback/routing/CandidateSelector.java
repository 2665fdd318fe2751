package dev.llmfallback.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.resilience.ProviderResilience;

/**
 * Chooses which providers a request may still try: first those whose tier the request
 * accepts, then, after a failure, the rest, narrowed by what went wrong: a request too
 * long for one model goes only to models with a larger context window, one refused on
 * content policy only to providers configured to take such requests. A request's
 * preferred provider goes first.
 */
class CandidateSelector {

	List<ProviderResilience> initial(List<ProviderResilience> providers, ChatRequest request) {
		List<ProviderResilience> accepted = providers.stream()
			.filter((provider) -> provider.settings().tier().satisfies(request.minimumTier()))
			.toList();
		return preferredFirst(accepted, request.preferredProvider());
	}

	private static List<ProviderResilience> preferredFirst(List<ProviderResilience> candidates, String preferred) {
		if (preferred == null) {
			return candidates;
		}
		List<ProviderResilience> ordered = new ArrayList<>(candidates);
		ordered.sort(Comparator.comparing((provider) -> !provider.settings().name().equals(preferred)));
		return List.copyOf(ordered);
	}

	List<ProviderResilience> rest(List<ProviderResilience> candidates) {
		return candidates.subList(1, candidates.size());
	}

	List<ProviderResilience> after(List<ProviderResilience> candidates, LlmException error) {
		ProviderSettings failed = candidates.get(0).settings();
		List<ProviderResilience> rest = candidates.subList(1, candidates.size());
		if (error.kind() == ErrorKind.CONTEXT_LENGTH) {
			return rest.stream().filter((provider) -> largerWindow(provider.settings(), failed)).toList();
		}
		if (error.kind() == ErrorKind.CONTENT_POLICY) {
			return rest.stream().filter((provider) -> provider.settings().contentPolicyFallback()).toList();
		}
		return rest;
	}

	private static boolean largerWindow(ProviderSettings candidate, ProviderSettings failed) {
		return candidate.contextWindow() == null || failed.contextWindow() == null
				|| candidate.contextWindow() > failed.contextWindow();
	}

}
