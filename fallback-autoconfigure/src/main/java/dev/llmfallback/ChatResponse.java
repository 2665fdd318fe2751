package dev.llmfallback;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a {@link ChatRequest}: the model's output, what it cost, and which
 * provider, model and degradation level produced it after which failed attempts.
 */
public final class ChatResponse {

	private final String text;

	private final List<ToolCall> toolCalls;

	private final FinishReason finishReason;

	private final Usage usage;

	private final BigDecimal cost;

	private final String provider;

	private final String model;

	private final DegradationLevel level;

	private final List<Attempt> attempts;

	private ChatResponse(Builder builder) {
		this.text = Objects.requireNonNullElse(builder.text, "");
		this.toolCalls = builder.toolCalls;
		this.finishReason = Objects.requireNonNullElse(builder.finishReason, FinishReason.OTHER);
		this.usage = Objects.requireNonNullElse(builder.usage, Usage.NONE);
		this.cost = builder.cost;
		this.provider = builder.provider;
		this.model = builder.model;
		this.level = Objects.requireNonNullElse(builder.level, DegradationLevel.FULL);
		this.attempts = builder.attempts;
	}

	/**
	 * A new builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * A builder holding this response's values.
	 * @return the builder
	 */
	public Builder toBuilder() {
		return new Builder().text(this.text)
			.toolCalls(this.toolCalls)
			.finishReason(this.finishReason)
			.usage(this.usage)
			.cost(this.cost)
			.provider(this.provider)
			.model(this.model)
			.level(this.level)
			.attempts(this.attempts);
	}

	/**
	 * Assemble the chunks of a stream into the response the same answer has without
	 * streaming.
	 * @param chunks the chunks, in order
	 * @return the response
	 */
	public static ChatResponse fromChunks(List<ChatChunk> chunks) {
		// String.join sizes the text once; a StringBuilder copies it as it grows
		String[] texts = new String[chunks.size()];
		int next = 0;
		List<ToolCallBuffer> calls = null;
		Builder builder = builder();
		for (ChatChunk chunk : chunks) {
			texts[next++] = chunk.text();
			if (chunk.toolCall() != null) {
				ToolCallDelta delta = chunk.toolCall();
				calls = (calls != null) ? calls : new ArrayList<>();
				while (calls.size() <= delta.index()) {
					calls.add(new ToolCallBuffer());
				}
				calls.get(delta.index()).add(delta);
			}
			if (chunk.finishReason() != null) {
				builder.finishReason(chunk.finishReason());
			}
			if (chunk.usage() != null) {
				builder.usage(chunk.usage());
			}
			if (chunk.cost() != null) {
				builder.cost(chunk.cost());
			}
			if (!chunk.attempts().isEmpty()) {
				builder.attempts(chunk.attempts());
			}
			if (chunk.provider() != null) {
				builder.provider(chunk.provider());
			}
			if (chunk.model() != null) {
				builder.model(chunk.model());
			}
			if (chunk.level() != null) {
				builder.level(chunk.level());
			}
		}
		List<ToolCall> toolCalls = (calls != null)
				? calls.stream().filter(ToolCallBuffer::hasName).map(ToolCallBuffer::toToolCall).toList() : List.of();
		return builder.text(String.join("", texts)).toolCalls(toolCalls).build();
	}

	/**
	 * The answer's text.
	 * @return the text, empty when the model only called tools
	 */
	public String text() {
		return this.text;
	}

	/**
	 * The tool calls the model asks for.
	 * @return the calls, possibly empty
	 */
	public List<ToolCall> toolCalls() {
		return this.toolCalls;
	}

	/**
	 * Why the model stopped.
	 * @return the normalised reason
	 */
	public FinishReason finishReason() {
		return this.finishReason;
	}

	/**
	 * The tokens this answer consumed.
	 * @return the usage, {@link Usage#NONE} for cached and static answers
	 */
	public Usage usage() {
		return this.usage;
	}

	/**
	 * What the answer cost in US dollars.
	 * @return the cost, empty when the price of the model is unknown
	 */
	public Optional<BigDecimal> cost() {
		return Optional.ofNullable(this.cost);
	}

	/**
	 * The configured name of the provider that answered.
	 * @return the provider, or {@code null} for cached and static answers
	 */
	public String provider() {
		return this.provider;
	}

	/**
	 * The model that answered, as the provider reports it.
	 * @return the model, or {@code null} for static answers
	 */
	public String model() {
		return this.model;
	}

	/**
	 * The degradation level that answered.
	 * @return the level
	 */
	public DegradationLevel level() {
		return this.level;
	}

	/**
	 * Whether a level below {@link DegradationLevel#FULL} answered.
	 * @return {@code true} for a degraded answer
	 */
	public boolean isDegraded() {
		return this.level.isDegraded();
	}

	/**
	 * The failed attempts before this answer, in order.
	 * @return the attempts, empty when the first provider answered
	 */
	public List<Attempt> attempts() {
		return this.attempts;
	}

	@Override
	public String toString() {
		return "ChatResponse[provider=" + this.provider + ", model=" + this.model + ", level=" + this.level
				+ ", finishReason=" + this.finishReason + ", chars=" + this.text.length() + ", toolCalls="
				+ this.toolCalls.size() + ", usage=" + this.usage + ", attempts=" + this.attempts.size() + "]";
	}

	/**
	 * Builds a {@link ChatResponse}.
	 */
	public static final class Builder {

		private String text;

		private List<ToolCall> toolCalls = List.of();

		private FinishReason finishReason;

		private Usage usage;

		private BigDecimal cost;

		private String provider;

		private String model;

		private DegradationLevel level;

		private List<Attempt> attempts = List.of();

		private Builder() {
		}

		public Builder text(String text) {
			this.text = text;
			return this;
		}

		public Builder toolCalls(List<ToolCall> toolCalls) {
			this.toolCalls = List.copyOf(toolCalls);
			return this;
		}

		public Builder finishReason(FinishReason finishReason) {
			this.finishReason = finishReason;
			return this;
		}

		public Builder usage(Usage usage) {
			this.usage = usage;
			return this;
		}

		public Builder cost(BigDecimal cost) {
			this.cost = cost;
			return this;
		}

		public Builder provider(String provider) {
			this.provider = provider;
			return this;
		}

		public Builder model(String model) {
			this.model = model;
			return this;
		}

		public Builder level(DegradationLevel level) {
			this.level = level;
			return this;
		}

		public Builder attempts(List<Attempt> attempts) {
			this.attempts = List.copyOf(attempts);
			return this;
		}

		public ChatResponse build() {
			return new ChatResponse(this);
		}

	}

	private static final class ToolCallBuffer {

		private String id;

		private String name;

		private String signature;

		private final StringBuilder arguments = new StringBuilder();

		void add(ToolCallDelta delta) {
			if (delta.id() != null) {
				this.id = delta.id();
			}
			if (delta.name() != null) {
				this.name = delta.name();
			}
			if (delta.signature() != null) {
				this.signature = delta.signature();
			}
			this.arguments.append(delta.argumentsDelta());
		}

		boolean hasName() {
			return this.name != null;
		}

		ToolCall toToolCall() {
			return new ToolCall(this.id, this.name, this.arguments.toString(), this.signature);
		}

	}

}
