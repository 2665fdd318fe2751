package dev.llmfallback.resilience;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;

import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;

/**
 * Which failures count against a provider's circuit breaker: those that say the provider
 * is unhealthy or unusable, not those caused by one request (invalid, too long, refused
 * on content). Named by class in each breaker's Resilience4j configuration.
 */
public class BreakerFailurePredicate implements Predicate<Throwable> {

	private static final Set<ErrorKind> REQUEST_FAULTS = EnumSet.of(ErrorKind.BAD_REQUEST, ErrorKind.CONTEXT_LENGTH,
			ErrorKind.CONTENT_POLICY, ErrorKind.UNSUPPORTED_REQUEST, ErrorKind.CIRCUIT_OPEN, ErrorKind.LOCAL_LIMIT);

	@Override
	public boolean test(Throwable error) {
		Throwable cause = (error instanceof StreamInterruptedException interrupted) ? interrupted.getCause() : error;
		return !(cause instanceof LlmException llmException) || !REQUEST_FAULTS.contains(llmException.kind());
	}

}
