package dev.orchestration.audit.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.orchestration.audit.AuditCache;
import dev.orchestration.audit.AuditCascade;
import dev.orchestration.audit.AuditOutcome;
import dev.orchestration.audit.AuditRecord;
import dev.orchestration.audit.AuditRecordListener;
import dev.orchestration.audit.AuditSource;
import dev.orchestration.cache.CacheHit;
import dev.orchestration.cascade.CascadeReceipt;
import dev.orchestration.cascade.CascadeStep;
import dev.orchestration.cascade.Verdict;
import dev.orchestration.receipt.Attempt;
import dev.orchestration.receipt.Route;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.receipt.TaskSignal;
import dev.orchestration.review.ReviewRequiredException;
import dev.orchestration.routing.RequestRefusedException;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.RoutingDecision;
import dev.orchestration.routing.RoutingFailedException;
import dev.orchestration.routing.RoutingOutcome;
import dev.orchestration.routing.StreamInterruptedException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Builds audit records (redacted, text only when opted in) and hands them to the
 * listeners and the writer. Never throws: a record that cannot be built or queued is
 * logged and counted, and the request goes on.
 */
public class AuditRecorder {

	/**
	 * The configuration version of a receipt that carries none (configurations are not
	 * versioned yet).
	 */
	public static final String STATIC_CONFIG = "static";

	private static final Log logger = LogFactory.getLog(AuditRecorder.class);

	private final AuditWriter writer;

	private final AuditRedactor redactor;

	private final boolean includePrompt;

	private final boolean includeAnswer;

	private final int maxTextLength;

	private final List<AuditRecordListener> listeners;

	public AuditRecorder(AuditWriter writer, AuditRedactor redactor, boolean includePrompt, boolean includeAnswer,
			int maxTextLength, List<AuditRecordListener> listeners) {
		this.writer = writer;
		this.redactor = redactor;
		this.includePrompt = includePrompt;
		this.includeAnswer = includeAnswer;
		this.maxTextLength = maxTextLength;
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Records a client request from its final response or error and the decisions made
	 * while it ran.
	 */
	void client(Instant timestamp, TraceIds trace, Prompt prompt, @Nullable ChatResponse response,
			@Nullable Throwable error, List<RoutingDecision> decisions) {
		try {
			emit(clientRecord(timestamp, trace, prompt, response, error, decisions));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not build the audit record of a request", ex);
		}
	}

	/** Records one routed model call made outside a client request. */
	void model(RoutingDecision decision, TraceIds trace) {
		try {
			emit(modelRecord(decision, trace));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not build the audit record of a model call", ex);
		}
	}

	AuditRecord clientRecord(Instant timestamp, TraceIds trace, Prompt prompt, @Nullable ChatResponse response,
			@Nullable Throwable error, List<RoutingDecision> decisions) {
		RoutingReceipt receipt = (response != null) ? RoutingReceipt.from(response).orElse(null) : receiptOf(error);
		RoutingReceipt first = decisions.isEmpty() ? receipt : decisions.get(0).receipt();
		CacheHit hit = (response != null) ? CacheHit.from(response).orElse(null) : null;
		CascadeReceipt cascade = (response != null) ? CascadeReceipt.from(response).orElse(null)
				: (error instanceof ReviewRequiredException withheld) ? withheld.getReceipt() : null;
		List<Attempt> attempts = new ArrayList<>();
		long in = 0;
		long out = 0;
		double cost = 0;
		List<RoutingReceipt> calls = decisions.isEmpty() && receipt != null && hit == null ? List.of(receipt)
				: decisions.stream().map(RoutingDecision::receipt).toList();
		for (RoutingReceipt call : calls) {
			attempts.addAll(call.attempts());
			in += call.promptTokens();
			out += call.completionTokens();
			cost += call.cost();
		}
		TaskSignal task = (receipt != null && receipt.task() != null) ? receipt.task()
				: (first != null) ? first.task() : null;
		String tenant = (prompt.getOptions() instanceof RoutingChatOptions options) ? options.getTenant()
				: decisions.isEmpty() ? null : decisions.get(0).tenant();
		Route route = (first != null) ? first.route() : null;
		return new AuditRecord(timestamp, trace.traceId(), trace.spanId(), clientOutcome(error, hit, cascade),
				AuditSource.CLIENT, redact(tenant), (task != null) ? task.task() : null,
				(task != null) ? task.source().id() : null, redact(route), configVersion(receipt, decisions),
				receipt != null && receipt.streamed(), (receipt != null) ? receipt.tier() : null,
				(receipt != null) ? receipt.member() : null, (receipt != null) ? receipt.model() : null, attempts, in,
				out, cost, cache(hit, receipt), cascade(cascade), reviewId(cascade),
				(error != null) ? errorType(error) : null, (error != null) ? text(error.getMessage()) : null,
				this.includePrompt ? text(lastUser(prompt)) : null, this.includeAnswer ? text(answer(response)) : null);
	}

	AuditRecord modelRecord(RoutingDecision decision, TraceIds trace) {
		RoutingReceipt receipt = decision.receipt();
		TaskSignal task = receipt.task();
		Throwable error = decision.error();
		return new AuditRecord(decision.timestamp(), trace.traceId(), trace.spanId(), modelOutcome(decision.outcome()),
				AuditSource.MODEL, redact(decision.tenant()), (task != null) ? task.task() : decision.task(),
				(task != null) ? task.source().id() : null, redact(receipt.route()),
				configVersion(receipt, List.of(decision)), receipt.streamed(), receipt.tier(), receipt.member(),
				receipt.model(), receipt.attempts(), receipt.promptTokens(), receipt.completionTokens(), receipt.cost(),
				null, null, null, (error != null) ? errorType(error) : null,
				(error != null) ? text(error.getMessage()) : null, this.includePrompt ? text(decision.prompt()) : null,
				null);
	}

	/** The review the answer was handed to, when it was. */
	private static @Nullable String reviewId(@Nullable CascadeReceipt cascade) {
		return (cascade != null && cascade.review() != null) ? cascade.review().id() : null;
	}

	/**
	 * The routing configuration version the request ran under: the first decision's (a
	 * request that spans a reload ran under the version it started with), else the final
	 * receipt's; {@value #STATIC_CONFIG} when neither knows one (version 0: a router
	 * built without configurations).
	 */
	static String configVersion(@Nullable RoutingReceipt receipt, List<RoutingDecision> decisions) {
		long version = !decisions.isEmpty() ? decisions.get(0).configVersion()
				: (receipt != null) ? receipt.configVersion() : 0;
		return (version > 0) ? Long.toString(version) : STATIC_CONFIG;
	}

	private void emit(AuditRecord record) {
		for (AuditRecordListener listener : this.listeners) {
			try {
				listener.onRecord(record);
			}
			catch (RuntimeException ex) {
				logger.warn("AuditRecordListener " + listener.getClass().getName() + " failed", ex);
			}
		}
		this.writer.submit(record);
	}

	private static AuditOutcome clientOutcome(@Nullable Throwable error, @Nullable CacheHit hit,
			@Nullable CascadeReceipt cascade) {
		if (error instanceof RequestRefusedException) {
			return AuditOutcome.REFUSED;
		}
		if (error instanceof ReviewRequiredException || (cascade != null && cascade.review() != null)) {
			return AuditOutcome.NEEDS_REVIEW;
		}
		if (error instanceof StreamInterruptedException) {
			return AuditOutcome.INTERRUPTED;
		}
		if (error != null) {
			return AuditOutcome.FAILED;
		}
		if (hit != null) {
			return AuditOutcome.CACHED;
		}
		return (cascade != null && cascade.escalations() > 0) ? AuditOutcome.ESCALATED : AuditOutcome.ANSWERED;
	}

	private static AuditOutcome modelOutcome(RoutingOutcome outcome) {
		return switch (outcome) {
			case ANSWERED -> AuditOutcome.ANSWERED;
			case FAILED -> AuditOutcome.FAILED;
			case REFUSED -> AuditOutcome.REFUSED;
			case INTERRUPTED -> AuditOutcome.INTERRUPTED;
			case CANCELLED -> AuditOutcome.CANCELLED;
		};
	}

	private static @Nullable RoutingReceipt receiptOf(@Nullable Throwable error) {
		if (error instanceof RoutingFailedException failed) {
			return failed.getReceipt();
		}
		return (error instanceof RequestRefusedException refused) ? refused.getReceipt() : null;
	}

	private static @Nullable AuditCache cache(@Nullable CacheHit hit, @Nullable RoutingReceipt receipt) {
		if (hit == null) {
			return null;
		}
		return new AuditCache(hit.layer(), hit.age().toMillis(), hit.similarity(),
				(receipt != null) ? receipt.originalCost() : null);
	}

	private @Nullable AuditCascade cascade(@Nullable CascadeReceipt cascade) {
		if (cascade == null) {
			return null;
		}
		List<CascadeStep> steps = cascade.steps().stream().map(this::redact).toList();
		return new AuditCascade(cascade.outcome(), cascade.servedStep(), cascade.escalations(), steps);
	}

	private CascadeStep redact(CascadeStep step) {
		List<Verdict> verdicts = step.verdicts()
			.stream()
			.map((v) -> new Verdict(v.verifier(), v.accepted(), v.score(), String.valueOf(text(v.reason())), v.scores(),
					v.cost(), v.promptTokens(), v.completionTokens()))
			.toList();
		return new CascadeStep(step.tier(), step.member(), step.answerCost(), step.verifierCost(), step.promptTokens(),
				step.completionTokens(), verdicts, step.accepted(), step.score(), step.answerKey());
	}

	private @Nullable Route redact(@Nullable Route route) {
		return (route != null) ? new Route(route.tier(), route.layer(), String.valueOf(redact(route.reason()))) : null;
	}

	private @Nullable String redact(@Nullable String text) {
		return this.redactor.redact(text);
	}

	/** Redacted, then shortened to the configured length. */
	private @Nullable String text(@Nullable String text) {
		String redacted = this.redactor.redact(text);
		if (redacted == null || redacted.length() <= this.maxTextLength) {
			return redacted;
		}
		return redacted.substring(0, this.maxTextLength) + "...";
	}

	private static String errorType(Throwable error) {
		return error.getClass().getSimpleName();
	}

	private static @Nullable String lastUser(Prompt prompt) {
		String last = null;
		for (Message message : prompt.getInstructions()) {
			if (message.getMessageType() == MessageType.USER) {
				last = message.getText();
			}
		}
		return last;
	}

	private static @Nullable String answer(@Nullable ChatResponse response) {
		return (response != null && response.getResult() != null) ? response.getResult().getOutput().getText() : null;
	}

}
