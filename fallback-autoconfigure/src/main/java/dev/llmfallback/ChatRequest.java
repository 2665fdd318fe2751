package dev.llmfallback;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable chat request, independent of any provider. Build one with
 * {@link #builder()}. Its {@code toString()} never shows prompt text.
 */
public final class ChatRequest {

	private final String system;

	private final List<Message> messages;

	private final List<ToolDefinition> tools;

	private final Integer maxTokens;

	private final Double temperature;

	private final List<String> stopSequences;

	private final Tier minimumTier;

	private final boolean cacheAllowed;

	private final Map<String, String> tags;

	private final Duration deadline;

	private final String staticMessage;

	private final String preferredProvider;

	private final String preferredModel;

	private final BigDecimal maxCost;

	private final ResponseFormat responseFormat;

	private final ToolChoice toolChoice;

	private ChatRequest(Builder builder) {
		this.system = builder.system;
		this.messages = List.copyOf(builder.messages);
		this.tools = List.copyOf(builder.tools);
		this.maxTokens = builder.maxTokens;
		this.temperature = builder.temperature;
		this.stopSequences = List.copyOf(builder.stopSequences);
		this.minimumTier = builder.minimumTier;
		this.cacheAllowed = builder.cacheAllowed;
		this.tags = Map.copyOf(builder.tags);
		this.deadline = builder.deadline;
		this.staticMessage = builder.staticMessage;
		this.preferredProvider = builder.preferredProvider;
		this.preferredModel = builder.preferredModel;
		this.maxCost = builder.maxCost;
		this.responseFormat = builder.responseFormat;
		this.toolChoice = builder.toolChoice;
	}

	/**
	 * A new builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * A request of one user message.
	 * @param userText the user's text
	 * @return the request
	 */
	public static ChatRequest of(String userText) {
		return builder().user(userText).build();
	}

	/**
	 * A builder holding this request's values.
	 * @return the builder
	 */
	public Builder toBuilder() {
		Builder builder = new Builder().system(this.system)
			.messages(this.messages)
			.tools(this.tools)
			.maxTokens(this.maxTokens)
			.temperature(this.temperature)
			.stopSequences(this.stopSequences)
			.minimumTier(this.minimumTier)
			.cacheAllowed(this.cacheAllowed)
			.deadline(this.deadline)
			.staticMessage(this.staticMessage)
			.preferredProvider(this.preferredProvider)
			.preferredModel(this.preferredModel)
			.maxCost(this.maxCost)
			.responseFormat(this.responseFormat)
			.toolChoice(this.toolChoice);
		builder.tags.putAll(this.tags);
		return builder;
	}

	/**
	 * The system prompt.
	 * @return the system prompt, or {@code null}
	 */
	public String system() {
		return this.system;
	}

	/**
	 * The conversation, oldest first.
	 * @return the messages, never empty
	 */
	public List<Message> messages() {
		return this.messages;
	}

	/**
	 * The tools the model may call.
	 * @return the tools, possibly empty
	 */
	public List<ToolDefinition> tools() {
		return this.tools;
	}

	/**
	 * The most output tokens to generate.
	 * @return the limit, or {@code null} for the provider's default
	 */
	public Integer maxTokens() {
		return this.maxTokens;
	}

	/**
	 * The sampling temperature.
	 * @return the temperature, or {@code null} for the provider's default
	 */
	public Double temperature() {
		return this.temperature;
	}

	/**
	 * Sequences at which the model stops.
	 * @return the stop sequences, possibly empty
	 */
	public List<String> stopSequences() {
		return this.stopSequences;
	}

	/**
	 * The lowest provider tier that may answer.
	 * @return the tier, {@link Tier#BASIC} unless set
	 */
	public Tier minimumTier() {
		return this.minimumTier;
	}

	/**
	 * Whether an answer cached from an earlier identical request may answer this one.
	 * @return {@code true} unless switched off
	 */
	public boolean cacheAllowed() {
		return this.cacheAllowed;
	}

	/**
	 * Free-form, low-cardinality tags added to this request's metrics.
	 * @return the tags, possibly empty
	 */
	public Map<String, String> tags() {
		return this.tags;
	}

	/**
	 * The longest time this request may take across retries and fallbacks.
	 * @return the deadline, or {@code null} for the configured default
	 */
	public Duration deadline() {
		return this.deadline;
	}

	/**
	 * The message answered when every provider and the cache fail, instead of the
	 * configured one.
	 * @return the message, or {@code null} for the configured one
	 */
	public String staticMessage() {
		return this.staticMessage;
	}

	/**
	 * The configured name of the provider to try first, if its tier is accepted.
	 * @return the provider's name, or {@code null} to keep the configured order
	 */
	public String preferredProvider() {
		return this.preferredProvider;
	}

	/**
	 * The model to try first wherever it is configured: every provider of that model
	 * whose tier is accepted comes before the others (after a preferred provider), in the
	 * routing strategy's order, so that weighted deployments of one model share its
	 * requests.
	 * @return the model, or {@code null} to keep the configured order
	 */
	public String preferredModel() {
		return this.preferredModel;
	}

	/**
	 * The most this request may cost, in US dollars: a provider whose estimated cost is
	 * higher, or whose price is unknown, is skipped without a call. The estimate prices
	 * the request's input (about four characters a token) and its {@link #maxTokens()} of
	 * output (512 when it sets none), so with {@code maxTokens} set it bounds the answer
	 * too.
	 * @return the cap, or {@code null} for none
	 */
	public BigDecimal maxCost() {
		return this.maxCost;
	}

	/**
	 * The form the answer's text must take.
	 * @return the format, or {@code null} for free text
	 */
	public ResponseFormat responseFormat() {
		return this.responseFormat;
	}

	/**
	 * Whether and which tool the model must call.
	 * @return the choice, or {@code null} to let the model choose
	 */
	public ToolChoice toolChoice() {
		return this.toolChoice;
	}

	@Override
	public String toString() {
		return "ChatRequest[messages=" + this.messages.size() + ", tools=" + this.tools.size() + ", maxTokens="
				+ this.maxTokens + ", minimumTier=" + this.minimumTier + ", tags=" + this.tags + "]";
	}

	/**
	 * Builds a {@link ChatRequest}, checking each value as it is set.
	 */
	public static final class Builder {

		private String system;

		private final List<Message> messages = new ArrayList<>();

		private final List<ToolDefinition> tools = new ArrayList<>();

		private Integer maxTokens;

		private Double temperature;

		private final List<String> stopSequences = new ArrayList<>();

		private Tier minimumTier = Tier.BASIC;

		private boolean cacheAllowed = true;

		private final Map<String, String> tags = new LinkedHashMap<>();

		private Duration deadline;

		private String staticMessage;

		private String preferredProvider;

		private String preferredModel;

		private BigDecimal maxCost;

		private ResponseFormat responseFormat;

		private ToolChoice toolChoice;

		private Builder() {
		}

		public Builder system(String system) {
			this.system = system;
			return this;
		}

		public Builder message(Message message) {
			if (message == null) {
				throw new IllegalArgumentException("ChatRequest.messages must not contain null");
			}
			this.messages.add(message);
			return this;
		}

		public Builder messages(List<Message> messages) {
			this.messages.clear();
			messages.forEach(this::message);
			return this;
		}

		public Builder user(String text) {
			return message(Message.user(text));
		}

		public Builder assistant(String text) {
			return message(Message.assistant(text));
		}

		public Builder tool(ToolDefinition tool) {
			if (tool == null) {
				throw new IllegalArgumentException("ChatRequest.tools must not contain null");
			}
			this.tools.add(tool);
			return this;
		}

		public Builder tools(List<ToolDefinition> tools) {
			this.tools.clear();
			tools.forEach(this::tool);
			return this;
		}

		public Builder maxTokens(Integer maxTokens) {
			if (maxTokens != null && maxTokens <= 0) {
				throw new IllegalArgumentException("ChatRequest.maxTokens must be positive, was " + maxTokens);
			}
			this.maxTokens = maxTokens;
			return this;
		}

		public Builder temperature(Double temperature) {
			if (temperature != null && (temperature < 0 || temperature > 2)) {
				throw new IllegalArgumentException(
						"ChatRequest.temperature must be between 0 and 2, was " + temperature);
			}
			this.temperature = temperature;
			return this;
		}

		public Builder stopSequences(List<String> stopSequences) {
			this.stopSequences.clear();
			this.stopSequences.addAll(stopSequences);
			return this;
		}

		public Builder minimumTier(Tier minimumTier) {
			if (minimumTier == null) {
				throw new IllegalArgumentException("ChatRequest.minimumTier must not be null");
			}
			this.minimumTier = minimumTier;
			return this;
		}

		public Builder cacheAllowed(boolean cacheAllowed) {
			this.cacheAllowed = cacheAllowed;
			return this;
		}

		public Builder tag(String key, String value) {
			if (key == null || value == null) {
				throw new IllegalArgumentException("ChatRequest.tags must not have a null key or value");
			}
			this.tags.put(key, value);
			return this;
		}

		public Builder deadline(Duration deadline) {
			if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
				throw new IllegalArgumentException("ChatRequest.deadline must be positive, was " + deadline);
			}
			this.deadline = deadline;
			return this;
		}

		public Builder staticMessage(String staticMessage) {
			this.staticMessage = staticMessage;
			return this;
		}

		public Builder preferredProvider(String preferredProvider) {
			this.preferredProvider = preferredProvider;
			return this;
		}

		public Builder preferredModel(String preferredModel) {
			this.preferredModel = preferredModel;
			return this;
		}

		public Builder maxCost(BigDecimal maxCost) {
			if (maxCost != null && maxCost.signum() < 0) {
				throw new IllegalArgumentException("ChatRequest.maxCost must not be negative, was " + maxCost);
			}
			this.maxCost = maxCost;
			return this;
		}

		public Builder responseFormat(ResponseFormat responseFormat) {
			this.responseFormat = responseFormat;
			return this;
		}

		public Builder toolChoice(ToolChoice toolChoice) {
			this.toolChoice = toolChoice;
			return this;
		}

		public ChatRequest build() {
			if (this.messages.isEmpty()) {
				throw new IllegalArgumentException("ChatRequest.messages must contain at least one message");
			}
			checkToolChoice();
			return new ChatRequest(this);
		}

		private void checkToolChoice() {
			if (this.toolChoice == null || this.toolChoice.mode() == ToolChoice.Mode.AUTO
					|| this.toolChoice.mode() == ToolChoice.Mode.NONE) {
				return;
			}
			if (this.tools.isEmpty()) {
				throw new IllegalArgumentException(
						"ChatRequest.toolChoice " + this.toolChoice.mode() + " needs the request to have tools");
			}
			String name = this.toolChoice.name();
			if (name != null && this.tools.stream().noneMatch((tool) -> tool.name().equals(name))) {
				throw new IllegalArgumentException(
						"ChatRequest.toolChoice names the tool '" + name + "', which is not among the request's tools");
			}
		}

	}

}
