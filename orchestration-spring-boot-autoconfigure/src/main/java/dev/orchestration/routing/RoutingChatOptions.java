package dev.orchestration.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.orchestration.receipt.Escalation;
import dev.orchestration.receipt.TaskSignal;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.DefaultToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;

/**
 * Chat options of the {@link RoutingChatModel}: the portable options and tools of Spring
 * AI plus routing hints (tier, task, tenant, metadata) that the router reads.
 * <p>
 * Pass them through the normal {@code ChatClient} API:
 * {@code client.prompt("...").options(RoutingChatOptions.builder().task("classification").tenant("acme"))}.
 * Provider-specific option builders (for example
 * {@code OpenAiChatOptions.builder().reasoningEffort(..)}) passed the same way are kept
 * and applied only to members whose chat model uses that options type.
 */
public class RoutingChatOptions extends DefaultToolCallingChatOptions {

	private final @Nullable String tier;

	private final @Nullable String task;

	private final @Nullable String tenant;

	private final Map<String, String> metadata;

	private final List<ChatOptions.Builder<?>> providerOptions;

	private final @Nullable TaskSignal inferredTask;

	private final @Nullable Escalation escalation;

	private final @Nullable TurnLedger turns;

	private final @Nullable String conversationId;

	private final boolean bufferedStream;

	protected RoutingChatOptions(ToolCallingChatOptions portable, Builder builder) {
		this(portable.getToolCallbacks(), portable.getToolContext(), portable.getModel(),
				portable.getFrequencyPenalty(), portable.getMaxTokens(), portable.getPresencePenalty(),
				portable.getStopSequences(), portable.getTemperature(), portable.getTopK(), portable.getTopP(),
				builder);
	}

	/**
	 * Options read straight from a builder's fields, without building the portable
	 * options first (this runs several times per request: the client's merge, each
	 * advisor, each member attempt).
	 */
	private RoutingChatOptions(@Nullable List<ToolCallback> toolCallbacks, @Nullable Map<String, Object> toolContext,
			@Nullable String model, @Nullable Double frequencyPenalty, @Nullable Integer maxTokens,
			@Nullable Double presencePenalty, @Nullable List<String> stopSequences, @Nullable Double temperature,
			@Nullable Integer topK, @Nullable Double topP, Builder builder) {
		super(toolCallbacks, toolContext, model, frequencyPenalty, maxTokens, presencePenalty, stopSequences,
				temperature, topK, topP);
		this.tier = builder.tier;
		this.task = builder.task;
		this.tenant = builder.tenant;
		this.metadata = Map.copyOf(builder.metadata);
		this.providerOptions = List.copyOf(builder.providerOptions);
		this.inferredTask = builder.inferredTask;
		this.escalation = builder.escalation;
		this.turns = builder.turns;
		this.conversationId = builder.conversationId;
		this.bufferedStream = builder.bufferedStream;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** The tier the caller asks for; it wins over every routing rule. */
	public @Nullable String getTier() {
		return this.tier;
	}

	/** What the caller asks for (for example "classification"), matched by task rules. */
	public @Nullable String getTask() {
		return this.task;
	}

	/** Who the request is for (tenant or user), matched by rules and used for scoping. */
	public @Nullable String getTenant() {
		return this.tenant;
	}

	/**
	 * Free-form caller metadata (for example a user's plan), matched by metadata rules.
	 */
	public Map<String, String> getMetadata() {
		return this.metadata;
	}

	/**
	 * Provider-specific option builders supplied by the caller, applied to members of
	 * that provider only.
	 */
	public List<ChatOptions.Builder<?>> getProviderOptions() {
		return this.providerOptions;
	}

	/**
	 * The task inferred for a request that came without one (set by task inference, not
	 * by callers); the caller's {@link #getTask() task hint} wins over it.
	 */
	public @Nullable TaskSignal getInferredTask() {
		return this.inferredTask;
	}

	/**
	 * The task the router uses: the caller's hint, else the inferred task, else
	 * {@code null}.
	 */
	public @Nullable TaskSignal getEffectiveTask() {
		return (this.task != null) ? TaskSignal.hint(this.task) : this.inferredTask;
	}

	/**
	 * Set by the cascade when it forces a stronger tier: the tier it escalates from and
	 * why.
	 */
	public @Nullable Escalation getEscalation() {
		return this.escalation;
	}

	/**
	 * The receipts of earlier model turns of the same request (a tool loop), when a
	 * client tracks them.
	 */
	@Nullable TurnLedger getTurns() {
		return this.turns;
	}

	/**
	 * The chat memory conversation id (copied from the advisor context by the rollout
	 * advisor), which keeps a conversation on one member of a weighted tier.
	 */
	public @Nullable String getConversationId() {
		return this.conversationId;
	}

	/**
	 * Whether the router holds each member's stream until it completes before passing it
	 * on: a stream cut after its first chunks then fails over like a failed call (the
	 * caller saw nothing yet) instead of ending with a
	 * {@link StreamInterruptedException}. The first token waits for the whole answer. Set
	 * by the cascade's buffered streams; a caller may set it for a stream whose consumer
	 * needs the whole answer anyway.
	 */
	public boolean isBufferedStream() {
		return this.bufferedStream;
	}

	@Override
	public Builder mutate() {
		Builder builder = new Builder();
		builder.model(getModel())
			.frequencyPenalty(getFrequencyPenalty())
			.maxTokens(getMaxTokens())
			.presencePenalty(getPresencePenalty())
			.stopSequences(getStopSequences())
			.temperature(getTemperature())
			.topK(getTopK())
			.topP(getTopP())
			.toolCallbacks(getToolCallbacks())
			.toolContext(getToolContext());
		builder.tier = this.tier;
		builder.task = this.task;
		builder.tenant = this.tenant;
		builder.metadata.putAll(this.metadata);
		builder.providerOptions.addAll(this.providerOptions);
		builder.inferredTask = this.inferredTask;
		builder.escalation = this.escalation;
		builder.turns = this.turns;
		builder.conversationId = this.conversationId;
		builder.bufferedStream = this.bufferedStream;
		return builder;
	}

	@Override
	public boolean equals(@Nullable Object o) {
		if (!(o instanceof RoutingChatOptions that) || !super.equals(o)) {
			return false;
		}
		return Objects.equals(this.tier, that.tier) && Objects.equals(this.task, that.task)
				&& Objects.equals(this.tenant, that.tenant) && this.metadata.equals(that.metadata)
				&& Objects.equals(this.inferredTask, that.inferredTask)
				&& Objects.equals(this.escalation, that.escalation) && this.bufferedStream == that.bufferedStream;
	}

	@Override
	public int hashCode() {
		return Objects.hash(super.hashCode(), this.tier, this.task, this.tenant, this.metadata);
	}

	/** Builder of {@link RoutingChatOptions}. */
	public static class Builder extends DefaultToolCallingChatOptions.Builder<Builder> {

		private @Nullable String tier;

		private @Nullable String task;

		private @Nullable String tenant;

		private Map<String, String> metadata = new LinkedHashMap<>();

		private List<ChatOptions.Builder<?>> providerOptions = new ArrayList<>();

		private @Nullable TaskSignal inferredTask;

		private @Nullable Escalation escalation;

		private @Nullable TurnLedger turns;

		private @Nullable String conversationId;

		private boolean bufferedStream;

		public Builder tier(@Nullable String tier) {
			this.tier = tier;
			return this;
		}

		public Builder task(@Nullable String task) {
			this.task = task;
			return this;
		}

		public Builder tenant(@Nullable String tenant) {
			this.tenant = tenant;
			return this;
		}

		/**
		 * The inferred task (set by task inference; callers give {@link #task(String)}
		 * instead).
		 */
		public Builder inferredTask(@Nullable TaskSignal inferredTask) {
			this.inferredTask = inferredTask;
			return this;
		}

		/** Marks a request the cascade sends to a stronger tier. */
		public Builder escalation(@Nullable Escalation escalation) {
			this.escalation = escalation;
			return this;
		}

		/**
		 * The conversation the request belongs to (sticky assignment to a member of a
		 * weighted tier).
		 */
		public Builder conversationId(@Nullable String conversationId) {
			this.conversationId = conversationId;
			return this;
		}

		/**
		 * Holds each member's stream until it completes, so that a cut fails over (see
		 * {@link RoutingChatOptions#isBufferedStream()}).
		 */
		public Builder bufferedStream(boolean bufferedStream) {
			this.bufferedStream = bufferedStream;
			return this;
		}

		Builder turns(@Nullable TurnLedger turns) {
			this.turns = turns;
			return this;
		}

		public Builder metadata(String key, String value) {
			this.metadata.put(key, value);
			return this;
		}

		public Builder metadata(Map<String, String> metadata) {
			this.metadata.putAll(metadata);
			return this;
		}

		@Override
		public Builder clone() {
			Builder copy = super.clone();
			copy.metadata = new LinkedHashMap<>(this.metadata);
			copy.providerOptions = new ArrayList<>(this.providerOptions);
			return copy;
		}

		@Override
		public Builder combineWith(ChatOptions.Builder<?> other) {
			super.combineWith(other);
			if (other instanceof Builder that) {
				this.tier = (that.tier != null) ? that.tier : this.tier;
				this.task = (that.task != null) ? that.task : this.task;
				this.tenant = (that.tenant != null) ? that.tenant : this.tenant;
				this.metadata.putAll(that.metadata);
				this.providerOptions.addAll(that.providerOptions);
				this.inferredTask = (that.inferredTask != null) ? that.inferredTask : this.inferredTask;
				this.escalation = (that.escalation != null) ? that.escalation : this.escalation;
				this.turns = (that.turns != null) ? that.turns : this.turns;
				this.conversationId = (that.conversationId != null) ? that.conversationId : this.conversationId;
				this.bufferedStream = this.bufferedStream || that.bufferedStream;
			}
			else {
				this.providerOptions.add(other.clone());
			}
			return this;
		}

		@Override
		public RoutingChatOptions build() {
			return new RoutingChatOptions(this.toolCallbacks, this.toolContext, this.model, this.frequencyPenalty,
					this.maxTokens, this.presencePenalty, this.stopSequences, this.temperature, this.topK, this.topP,
					this);
		}

	}

}
