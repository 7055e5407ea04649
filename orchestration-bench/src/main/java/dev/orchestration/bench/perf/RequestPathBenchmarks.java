package dev.orchestration.bench.perf;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.orchestration.bench.perf.RequestPathApplication.Variant;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatModel;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The request path over {@link StubChatModel}s: baselines (the stub itself, a plain
 * {@code ChatClient} with and without observations) and the router's paths (model call,
 * client, caches, failover, stream, 8 threads). Latency benchmarks sample every call
 * ({@link Mode#SampleTime}: p50/p99 in microseconds); run with {@code -prof gc} for
 * allocation per call. {@link OverheadSummary} pairs each path with its baseline.
 * <p>
 * The defaults keep a run short (1 fork, 2 warm-up and 3 measured iterations of 2 s; the
 * 8-thread benchmarks warm up for 30 iterations: 8 threads on 2 cores leave the one C2
 * compiler thread little time, the routed client's methods were still being compiled
 * after 36 s and it reached its steady throughput after about 40 s, the plain client
 * after about 20 s, so a shorter warm-up understates the routed/plain ratio); JMH's
 * command-line options override them. The forks give up waiting for non-daemon threads
 * after 1 s: the starter's breaker pool threads outlive a closed context and would
 * otherwise hold every fork for JMH's default 30 s.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Djmh.shutdownTimeout=1")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class RequestPathBenchmarks {

	/** The question every call asks; it matches none of the routing rules. */
	static final String QUESTION = "What is the capital of France? Answer in one short sentence.";

	/**
	 * A plain ChatClient over one stub, as an application builds it, with a NOOP and a
	 * recording registry.
	 */
	@State(Scope.Benchmark)
	public static class Plain {

		StubChatModel stub;

		Prompt prompt;

		ChatClient client;

		ChatClient observedClient;

		@Setup(Level.Trial)
		public void start() {
			this.stub = new StubChatModel("plain-model");
			this.prompt = new Prompt(QUESTION);
			this.client = ChatClient.builder(this.stub, ObservationRegistry.NOOP, null, null).build();
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig()
				.observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
			this.observedClient = ChatClient.builder(this.stub, registry, null, null).build();
		}

	}

	/** A context built by the starter's auto-configuration; subclasses pick the setup. */
	public abstract static class Routed {

		ConfigurableApplicationContext context;

		RoutingChatModel model;

		RoutingChatClient client;

		Prompt prompt;

		abstract Variant variant();

		boolean observations() {
			return false;
		}

		@Setup(Level.Trial)
		public void start() {
			this.context = RequestPathApplication.start(variant(), observations());
			this.model = this.context.getBean(RoutingChatModel.class);
			this.client = this.context.getBean(RoutingChatClient.class);
			this.prompt = new Prompt(QUESTION);
			prepare();
		}

		void prepare() {
		}

		@TearDown(Level.Trial)
		public void stop() {
			this.context.close();
		}

		ChatResponse ask(String question) {
			return this.client.prompt().user(question).call().chatResponse();
		}

	}

	/** The router and routing client, caches off, no observation registry. */
	@State(Scope.Benchmark)
	public static class CachesOff extends Routed {

		@Override
		Variant variant() {
			return Variant.CACHES_OFF;
		}

	}

	/**
	 * The router and routing client, caches off, with the recording observation registry.
	 */
	@State(Scope.Benchmark)
	public static class CachesOffObserved extends Routed {

		@Override
		Variant variant() {
			return Variant.CACHES_OFF;
		}

		@Override
		boolean observations() {
			return true;
		}

	}

	/**
	 * The exact cache, filled to its default size before measuring: once full, every
	 * miss's put runs with a full store (the 0.4 ms), as in a long-running
	 * application.
	 */
	@State(Scope.Benchmark)
	public static class ExactCache extends Routed {

		/**
		 * Entries written before measuring; 10,000 is the default
		 * {@code llm.cache.memory.max-entries}.
		 */
		@Param("10000")
		public int entries;

		final AtomicLong misses = new AtomicLong();

		@Override
		Variant variant() {
			return Variant.EXACT_CACHE;
		}

		@Override
		void prepare() {
			for (int i = 0; i < this.entries; i++) {
				nextMiss();
			}
			ask(QUESTION);
		}

		ChatResponse nextMiss() {
			return ask("Question " + this.misses.incrementAndGet() + ": " + QUESTION);
		}

	}

	/**
	 * The semantic cache with the built-in ONNX embedding model; the index holds
	 * {@link #entries} entries.
	 */
	@State(Scope.Benchmark)
	public static class SemanticCache extends Routed {

		/** Entries written before measuring (each costs an embedding, ~4 ms). */
		@Param("1000")
		public int entries;

		private final DistinctQuestions questions = new DistinctQuestions(42);

		@Override
		Variant variant() {
			return Variant.SEMANTIC_CACHE;
		}

		@Override
		void prepare() {
			for (int i = 0; i < this.entries; i++) {
				nextMiss();
			}
			ask(QUESTION);
		}

		ChatResponse nextMiss() {
			return ask(this.questions.next());
		}

	}

	/**
	 * The first member of the default tier fails every call with a transient error; the
	 * second answers.
	 */
	@State(Scope.Benchmark)
	public static class Failover extends Routed {

		private CircuitBreakerRegistry breakers;

		private final AtomicLong calls = new AtomicLong();

		@Override
		Variant variant() {
			return Variant.FAILOVER;
		}

		@Override
		void prepare() {
			this.breakers = this.context.getBean(CircuitBreakerRegistry.class);
		}

		ChatResponse call() {
			if (this.calls.incrementAndGet() % RequestPathApplication.FAILOVER_RESET_EVERY == 0) {
				this.breakers.circuitBreaker(RequestPathApplication.FIRST_DEFAULT_MEMBER_ID).reset();
			}
			return this.model.call(this.prompt);
		}

	}

	@Benchmark
	public ChatResponse stubCall(Plain plain) {
		return plain.stub.call(plain.prompt);
	}

	@Benchmark
	public ChatResponse plainClient(Plain plain) {
		return plain.client.prompt().user(QUESTION).call().chatResponse();
	}

	@Benchmark
	public ChatResponse plainClientObserved(Plain plain) {
		return plain.observedClient.prompt().user(QUESTION).call().chatResponse();
	}

	@Benchmark
	public ChatResponse routingChatModelCall(CachesOff routed) {
		return routed.model.call(routed.prompt);
	}

	@Benchmark
	public ChatResponse routedClient(CachesOff routed) {
		return routed.ask(QUESTION);
	}

	@Benchmark
	public ChatResponse routedClientObserved(CachesOffObserved routed) {
		return routed.ask(QUESTION);
	}

	@Benchmark
	public ChatResponse exactCacheHit(ExactCache cache) {
		return cache.ask(QUESTION);
	}

	@Benchmark
	public ChatResponse exactCacheMiss(ExactCache cache) {
		return cache.nextMiss();
	}

	@Benchmark
	public ChatResponse semanticCacheHit(SemanticCache cache) {
		return cache.ask(QUESTION);
	}

	@Benchmark
	public ChatResponse semanticCacheMiss(SemanticCache cache) {
		return cache.nextMiss();
	}

	@Benchmark
	public ChatResponse failover(Failover failover) {
		return failover.call();
	}

	@Benchmark
	public ChatResponse streamFirstTokenPlain(Plain plain) {
		return plain.client.prompt().user(QUESTION).stream().chatResponse().blockFirst();
	}

	@Benchmark
	public ChatResponse streamFirstTokenRouted(CachesOff routed) {
		return routed.client.prompt().user(QUESTION).stream().chatResponse().blockFirst();
	}

	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	@Threads(8)
	@Warmup(iterations = 30, time = 2)
	public ChatResponse throughputPlain(Plain plain) {
		return plain.client.prompt().user(QUESTION).call().chatResponse();
	}

	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	@Threads(8)
	@Warmup(iterations = 30, time = 2)
	public ChatResponse throughputRouted(CachesOff routed) {
		return routed.ask(QUESTION);
	}

	/**
	 * Questions far apart in meaning (random words from a fixed vocabulary), so that
	 * semantic-cache misses miss.
	 */
	static final class DistinctQuestions {

		private static final String[] WORDS = ("apple river quantum tax garden violin engine planet recipe castle "
				+ "protein marathon glacier invoice senate pixel harbor tulip reactor novel bicycle volcano mortgage "
				+ "falcon compiler desert ballet vaccine copper tornado lawyer satellite cheese orbit museum cactus "
				+ "piano crypto tundra surgeon harvest pottery turbine jazz sonnet lantern algebra coral thunder")
			.split(" ");

		private final SplittableRandom random;

		DistinctQuestions(long seed) {
			this.random = new SplittableRandom(seed);
		}

		synchronized String next() {
			StringBuilder question = new StringBuilder("Explain how");
			for (int i = 0; i < 7; i++) {
				question.append(' ').append(WORDS[this.random.nextInt(WORDS.length)]);
			}
			return question.append(" relate, with number ")
				.append(this.random.nextInt(1_000_000))
				.append('?')
				.toString();
		}

	}

}
