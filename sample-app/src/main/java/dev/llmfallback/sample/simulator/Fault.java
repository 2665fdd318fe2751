package dev.llmfallback.sample.simulator;

import java.util.List;
import java.util.Locale;

/**
 * A fault a simulated provider plays until it is healed.
 *
 * @param kind what goes wrong
 * @param status the HTTP error status to answer with, for {@link Kind#STATUS} only, else
 * 0
 */
public record Fault(Kind kind, int status) {

	/** Accept the request and never answer. */
	public static final Fault HANG = new Fault(Kind.HANG, 0);

	/** Read the request, then reset the connection without answering. */
	public static final Fault RESET = new Fault(Kind.RESET, 0);

	/** Answer 200 with a body that is not the provider's JSON (or SSE). */
	public static final Fault MALFORMED = new Fault(Kind.MALFORMED, 0);

	/**
	 * Answer 200, send the first part of the answer or stream, then cut the connection.
	 */
	public static final Fault BROKEN_STREAM = new Fault(Kind.BROKEN_STREAM, 0);

	/**
	 * The faults the control API and the dashboard offer, by their id.
	 */
	public static final List<String> IDS = List.of("500", "503", "429", "529", "hang", "reset", "malformed",
			"broken-stream");

	public Fault {
		if (kind == Kind.STATUS && (status < 400 || status > 599)) {
			throw new IllegalArgumentException("status must be an HTTP error status from 400 to 599, was " + status);
		}
	}

	/**
	 * An HTTP error status with the provider's error body.
	 * @param status the status, from 400 to 599
	 * @return the fault
	 */
	public static Fault status(int status) {
		return new Fault(Kind.STATUS, status);
	}

	/**
	 * The fault with an id such as {@code 503}, {@code hang}, {@code reset},
	 * {@code malformed} or {@code broken-stream}.
	 * @param id the id
	 * @return the fault
	 * @throws IllegalArgumentException when no fault has that id
	 */
	public static Fault of(String id) {
		return switch (id.toLowerCase(Locale.ROOT)) {
			case "hang" -> HANG;
			case "reset" -> RESET;
			case "malformed" -> MALFORMED;
			case "broken-stream" -> BROKEN_STREAM;
			default -> {
				try {
					yield status(Integer.parseInt(id));
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException("Unknown fault '" + id + "'; use an HTTP error status or one of "
							+ IDS.subList(4, IDS.size()));
				}
			}
		};
	}

	/**
	 * This fault's id, the inverse of {@link #of(String)}.
	 * @return the id
	 */
	public String id() {
		return (this.kind == Kind.STATUS) ? String.valueOf(this.status)
				: this.kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * What goes wrong.
	 */
	public enum Kind {

		/** An HTTP error status. */
		STATUS,

		/** No answer at all. */
		HANG,

		/** A TCP reset after the request was read. */
		RESET,

		/** A 200 answer that cannot be parsed. */
		MALFORMED,

		/** A 200 answer cut off halfway. */
		BROKEN_STREAM

	}

}
