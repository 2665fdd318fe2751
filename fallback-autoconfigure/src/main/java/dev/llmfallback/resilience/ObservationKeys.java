package dev.llmfallback.resilience;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;

import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;

/**
 * The low-cardinality keys that the router's two observations, {@code llm.request} and
 * its {@code llm.attempt} children, share: both name how they ended with the same
 * {@code outcome} and {@code error.kind} values, whatever the end, since a registry such
 * as Prometheus refuses a meter whose tag keys differ from those of the first of its
 * name.
 */
public final class ObservationKeys {

	/**
	 * Where Micrometer and Reactor keep the current observation in a subscriber's
	 * context: Micrometer's own key, a constant the compiler copies here, so no
	 * context-propagation class is needed at run time.
	 */
	public static final String CONTEXT_KEY = ObservationThreadLocalAccessor.KEY;

	/** Ended with an answer. */
	public static final KeyValue SUCCESS = KeyValue.of("outcome", "success");

	/** Ended with an error. */
	public static final KeyValue FAILURE = KeyValue.of("outcome", "failure");

	/** Cancelled by its subscriber before it ended. */
	public static final KeyValue CANCELLED = KeyValue.of("outcome", "cancelled");

	private static final KeyValue NO_ERROR = KeyValue.of("error.kind", "none");

	private static final KeyValue UNKNOWN_ERROR = KeyValue.of("error.kind", "unknown");

	private static final Map<ErrorKind, KeyValue> ERROR_KINDS = Stream.of(ErrorKind.values())
		.collect(Collectors.toMap(Function.identity(),
				(kind) -> KeyValue.of("error.kind", kind.name().toLowerCase(Locale.ROOT)), (first, second) -> first,
				() -> new EnumMap<>(ErrorKind.class)));

	private ObservationKeys() {
	}

	/**
	 * The {@code error.kind} of an end.
	 * @param error the error it ended with, or {@code null} for none
	 * @return the kind of an {@link LlmException}, {@code unknown} for any other error,
	 * {@code none} without one
	 */
	public static KeyValue errorKind(Throwable error) {
		if (error instanceof LlmException llmException) {
			return ERROR_KINDS.get(llmException.kind());
		}
		return (error != null) ? UNKNOWN_ERROR : NO_ERROR;
	}

}
