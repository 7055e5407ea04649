package dev.orchestration.shadow.internal;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.orchestration.cascade.AnswerNormalizer;
import dev.orchestration.cascade.JudgeScores;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.RoutingFailedException;
import dev.orchestration.shadow.ShadowAggregates;
import dev.orchestration.shadow.ShadowComparison;
import dev.orchestration.statistics.LatencyWindow;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.converter.BeanOutputConverter;
import org.springframework.beans.factory.DisposableBean;

/**
 * Sends sampled live requests to a candidate {@link RoutingChatModel} on a bounded
 * executor within a daily cost bound, compares the answers, records meters, and keeps
 * recent comparisons and running aggregates. Nothing here runs on, blocks or throws into
 * the caller's path: {@link #submit} only enqueues.
 */
public class ShadowTraffic implements DisposableBean {

	private static final Log logger = LogFactory.getLog(ShadowTraffic.class);

	private static final int LATENCY_WINDOW = 1000;

	private final RoutingChatModel candidate;

	private final ShadowSettings settings;

	private final ShadowMetrics metrics;

	private final Clock clock;

	private final ExecutorService executor;

	private final DailyCostBound costBound;

	private final AtomicLong sequence = new AtomicLong();

	private final BeanOutputConverter<JudgeScores> judgeConverter = new BeanOutputConverter<>(JudgeScores.class);

	private final Map<String, AtomicLong> results = new LinkedHashMap<>();

	private final Deque<ShadowComparison> recent = new ArrayDeque<>();

	private final LatencyWindow liveLatencies = new LatencyWindow(LATENCY_WINDOW);

	private final LatencyWindow candidateLatencies = new LatencyWindow(LATENCY_WINDOW);

	private long compared;

	private long agreements;

	private long normalizedAgreements;

	private double liveCost;

	private double candidateCost;

	private double judgeCost;

	private double liveJudgeScores;

	private double candidateJudgeScores;

	private long judged;

	public ShadowTraffic(RoutingChatModel candidate, ShadowSettings settings, ShadowMetrics metrics, Clock clock) {
		this.candidate = candidate;
		this.settings = settings;
		this.metrics = metrics;
		this.clock = clock;
		this.executor = executor(settings.threads(), settings.queueCapacity());
		this.costBound = new DailyCostBound(settings.maxCostPerDay(), clock);
		for (String result : List.of(ShadowMetrics.COMPARED, ShadowMetrics.DROPPED, ShadowMetrics.OVER_BUDGET,
				ShadowMetrics.FAILED, ShadowMetrics.SKIPPED)) {
			this.results.put(result, new AtomicLong());
		}
	}

	/**
	 * Whether this request is shadowed: deterministic, exactly {@code sampleRate} of the
	 * requests spread evenly (request n is sampled when
	 * {@code floor((n+1)*rate) > floor(n*rate)}).
	 */
	public boolean sample() {
		double rate = this.settings.sampleRate();
		if (rate <= 0) {
			return false;
		}
		if (rate >= 1) {
			return true;
		}
		long n = this.sequence.getAndIncrement();
		return (long) Math.floor((n + 1) * rate) > (long) Math.floor(n * rate);
	}

	/** Counts a sampled request that cannot be shadowed (tools, or no text answer). */
	public void skipped() {
		count(ShadowMetrics.SKIPPED);
	}

	/**
	 * Queues a shadow call of a sampled request; returns at once (drops it when the queue
	 * is full).
	 */
	public void submit(Prompt prompt, LiveAnswer live) {
		if (this.costBound.exhausted()) {
			count(ShadowMetrics.OVER_BUDGET);
			return;
		}
		try {
			this.executor.execute(() -> run(prompt, live));
		}
		catch (RejectedExecutionException ex) {
			count(ShadowMetrics.DROPPED);
		}
	}

	private void run(Prompt prompt, LiveAnswer live) {
		try {
			if (this.costBound.exhausted()) {
				// the bound was reached while this call waited in the queue
				count(ShadowMetrics.OVER_BUDGET);
				return;
			}
			compare(prompt, live);
		}
		catch (Throwable ex) {
			count(ShadowMetrics.FAILED);
			logger.debug("Shadow comparison failed", ex);
		}
	}

	private void compare(Prompt prompt, LiveAnswer live) {
		long start = System.nanoTime();
		ChatResponse response;
		try {
			response = this.candidate.call(prompt);
		}
		catch (RuntimeException ex) {
			long latency = (System.nanoTime() - start) / 1_000_000;
			double cost = (ex instanceof RoutingFailedException failure) ? failure.getReceipt().cost() : 0;
			this.costBound.charge(cost);
			this.metrics.cost("candidate", cost);
			count(ShadowMetrics.FAILED);
			remember(new ShadowComparison(this.clock.instant(), live.tier(), null, null, false, null, live.cost(), cost,
					live.latencyMillis(), latency, null, null, 0, live.streamed(), ex.getClass().getSimpleName()));
			logger.debug("Shadow call to the candidate policy failed", ex);
			return;
		}
		long latency = (System.nanoTime() - start) / 1_000_000;
		RoutingReceipt receipt = RoutingReceipt.from(response).orElse(null);
		double cost = (receipt != null) ? receipt.cost() : 0;
		this.costBound.charge(cost);
		String text = text(response);
		boolean agreed = agree(AnswerNormalizer.TEXT, live.text(), text);
		AnswerNormalizer normalizer = this.settings.normalizer();
		Boolean normalizedAgreed = (normalizer != null) ? agree(normalizer, live.text(), text) : null;
		Judgement liveJudgement = judge(prompt, live.text());
		Judgement candidateJudgement = judge(prompt, text);
		double judgeCost = liveJudgement.cost() + candidateJudgement.cost();
		ShadowComparison comparison = new ShadowComparison(this.clock.instant(), live.tier(),
				(receipt != null) ? receipt.tier() : null, (receipt != null) ? receipt.route().reason() : null, agreed,
				normalizedAgreed, live.cost(), cost, live.latencyMillis(), latency, liveJudgement.score(),
				candidateJudgement.score(), judgeCost, live.streamed(), null);
		count(ShadowMetrics.COMPARED);
		this.metrics.agreement(AnswerNormalizer.TEXT, agreed);
		if (normalizer != null && normalizedAgreed != null) {
			this.metrics.agreement(normalizer, normalizedAgreed);
		}
		this.metrics.cost("live", live.cost());
		this.metrics.cost("candidate", cost);
		this.metrics.cost("judge", judgeCost);
		this.metrics.latency("live", live.latencyMillis());
		this.metrics.latency("candidate", latency);
		this.metrics.judgeScore("live", liveJudgement.score());
		this.metrics.judgeScore("candidate", candidateJudgement.score());
		this.liveLatencies.add(live.latencyMillis());
		this.candidateLatencies.add(latency);
		synchronized (this) {
			this.compared++;
			this.agreements += agreed ? 1 : 0;
			this.normalizedAgreements += Boolean.TRUE.equals(normalizedAgreed) ? 1 : 0;
			this.liveCost += live.cost();
			this.candidateCost += cost;
			this.judgeCost += judgeCost;
			if (liveJudgement.score() != null && candidateJudgement.score() != null) {
				this.judged++;
				this.liveJudgeScores += liveJudgement.score();
				this.candidateJudgeScores += candidateJudgement.score();
			}
		}
		remember(comparison);
	}

	/**
	 * Grades an answer with the judge tier (through the candidate router, tier forced),
	 * within the cost bound.
	 */
	private Judgement judge(Prompt prompt, String answer) {
		String tier = this.settings.judgeTier();
		if (tier == null || this.costBound.exhausted()) {
			return new Judgement(null, 0);
		}
		UserMessage user = prompt.getUserMessage();
		String question = (user != null && user.getText() != null) ? user.getText() : "";
		Prompt judgePrompt = new Prompt(
				new UserMessage(JudgeScores.prompt(question, answer, this.judgeConverter.getFormat())),
				RoutingChatOptions.builder().tier(tier).build());
		double cost = 0;
		try {
			ChatResponse response = this.candidate.call(judgePrompt);
			cost = RoutingReceipt.from(response).map(RoutingReceipt::cost).orElse(0.0);
			JudgeScores scores = this.judgeConverter.convert(text(response));
			return new Judgement((scores != null && valid(scores)) ? scores.overall() : null, cost);
		}
		catch (RuntimeException ex) {
			if (ex instanceof RoutingFailedException failure) {
				cost = failure.getReceipt().cost();
			}
			logger.debug("Shadow judge failed", ex);
			return new Judgement(null, cost);
		}
		finally {
			this.costBound.charge(cost);
		}
	}

	private static boolean valid(JudgeScores scores) {
		return inRange(scores.relevance()) && inRange(scores.coherence()) && inRange(scores.hallucinationRisk());
	}

	private static boolean inRange(double value) {
		return value >= 0 && value <= 1;
	}

	static boolean agree(AnswerNormalizer normalizer, String live, String candidate) {
		String a = normalizer.normalize(live);
		return !a.isEmpty() && a.equals(normalizer.normalize(candidate));
	}

	static String text(@Nullable ChatResponse response) {
		if (response == null || response.getResult() == null || response.getResult().getOutput() == null) {
			return "";
		}
		String text = response.getResult().getOutput().getText();
		return (text != null) ? text : "";
	}

	private void count(String result) {
		this.results.get(result).incrementAndGet();
		this.metrics.request(result);
	}

	private synchronized void remember(ShadowComparison comparison) {
		if (this.settings.recentComparisons() == 0) {
			return;
		}
		if (this.recent.size() == this.settings.recentComparisons()) {
			this.recent.removeFirst();
		}
		this.recent.addLast(comparison);
	}

	/** The settings in force. */
	public ShadowSettings getSettings() {
		return this.settings;
	}

	/** The candidate router. */
	public RoutingChatModel getCandidate() {
		return this.candidate;
	}

	/** USD spent on shadow calls today. */
	public double spentToday() {
		return this.costBound.spentToday();
	}

	/** Whether the daily cost bound is reached. */
	public boolean overBudget() {
		return this.costBound.exhausted();
	}

	/** Sampled requests by result since start. */
	public Map<String, Long> results() {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.results.forEach((result, count) -> counts.put(result, count.get()));
		return counts;
	}

	/** The most recent comparisons, oldest first. */
	public synchronized List<ShadowComparison> recent() {
		return new ArrayList<>(this.recent);
	}

	/**
	 * Running aggregates over every comparison since start (latencies over the last
	 * 1000).
	 */
	public synchronized ShadowAggregates aggregates() {
		return new ShadowAggregates(this.compared, (this.compared > 0) ? (double) this.agreements / this.compared : 0,
				(this.settings.normalizer() == null) ? null
						: (this.compared > 0) ? (double) this.normalizedAgreements / this.compared : 0,
				this.liveCost, this.candidateCost, this.judgeCost,
				(this.liveCost > 0) ? this.candidateCost / this.liveCost : 0, this.liveLatencies.percentile(50),
				this.candidateLatencies.percentile(50), (this.judged > 0) ? this.liveJudgeScores / this.judged : null,
				(this.judged > 0) ? this.candidateJudgeScores / this.judged : null);
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

	private static ExecutorService executor(int threads, int queueCapacity) {
		AtomicInteger count = new AtomicInteger();
		ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
				(queueCapacity > 0) ? new ArrayBlockingQueue<>(queueCapacity) : new SynchronousQueue<>(),
				(runnable) -> {
					Thread thread = new Thread(runnable, "llm-shadow-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				}, new ThreadPoolExecutor.AbortPolicy());
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	private record Judgement(@Nullable Double score, double cost) {
	}

}
