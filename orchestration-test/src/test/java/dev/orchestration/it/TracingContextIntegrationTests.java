package dev.orchestration.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import dev.orchestration.test.simulator.SimulatedError;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.ObservationView;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.orchestration.it.SimulatedProviders.member;
import static dev.orchestration.it.SimulatedProviders.props;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caller's observation (tracing context) reaches the provider call, on the call and
 * the stream path: the routing observation is its child and the parent of Spring AI's
 * observation of each provider call. With the thread-pool execution the call runs on
 * another thread and still sees it.
 */
class TracingContextIntegrationTests {

	@RegisterExtension
	static final ProviderSimulatorExtension providers = new ProviderSimulatorExtension();

	private final ProviderSimulator sim = providers.simulator();

	private final ApplicationContextRunner runner = SimulatedProviders.runner(sim)
		.withUserConfiguration(RecordingConfiguration.class)
		.withPropertyValues(props(member("main", 0, "recordingChatModel", "traced-a"),
				member("main", 1, "recordingChatModel", "traced-b")));

	@Test
	void callersObservationIsTheParentOfTheRoutingObservationInsideTheMemberCallOnTheCallersThread() {
		this.runner.run((context) -> {
			ObservationRegistry registry = context.getBean(ObservationRegistry.class);
			RecordingChatModel recording = context.getBean(RecordingChatModel.class);
			Observation request = Observation.start("it.request", registry);
			try (Observation.Scope scope = request.openScope()) {
				context.getBean(RoutingChatModel.class).call(new Prompt("hello"));
			}
			finally {
				request.stop();
			}
			assertThat(recording.calls).singleElement().satisfies((call) -> {
				assertThat(call.thread()).as("the breaker runs on the caller's thread")
					.isEqualTo(Thread.currentThread().getName());
				Observation current = call.observation();
				assertThat(current).as("current observation inside the member call").isNotNull();
				assertThat(current.getContextView().getName()).isEqualTo("llm.routing");
				assertThat(current.getContextView().getParentObservation()).isSameAs(request);
			});
		});
	}

	@Test
	void withThreadPoolExecutionTheCallRunsOnThePoolAndStillSeesTheCallersObservation() {
		this.runner.withPropertyValues("llm.resilience.execution=thread-pool").run((context) -> {
			ObservationRegistry registry = context.getBean(ObservationRegistry.class);
			RecordingChatModel recording = context.getBean(RecordingChatModel.class);
			Observation request = Observation.start("it.request", registry);
			try (Observation.Scope scope = request.openScope()) {
				context.getBean(RoutingChatModel.class).call(new Prompt("hello"));
			}
			finally {
				request.stop();
			}
			assertThat(recording.calls).singleElement().satisfies((call) -> {
				assertThat(call.thread()).as("the pool runs the call on its own thread")
					.isNotEqualTo(Thread.currentThread().getName());
				// Spring Cloud CircuitBreaker opens its own observation around the call:
				// a descendant of the caller's
				Observation current = call.observation();
				assertThat(current).as("current observation inside the member call").isNotNull();
				assertThat(current.getContextView().getName()).isEqualTo("spring.cloud.circuitbreaker");
				assertThat(ancestry(current)).contains(request);
			});
		});
	}

	@Test
	void providerCallObservationsDescendFromTheCallersObservationOnTheCallPathWithFailover() {
		sim.model("traced-a").failWith(SimulatedError.serverError());
		this.runner.run((context) -> {
			ObservationRegistry registry = context.getBean(ObservationRegistry.class);
			StartedObservations started = context.getBean(StartedObservations.class);
			Observation request = Observation.start("it.request", registry);
			try (Observation.Scope scope = request.openScope()) {
				context.getBean(RoutingChatClient.class).prompt().user("hello").call().chatResponse();
			}
			finally {
				request.stop();
			}
			assertThat(started.named("gen_ai.client.operation")).as("Spring AI's observation of each provider call")
				.hasSize(2)
				.allSatisfy((chat) -> assertThat(started.ancestry(chat)).contains(request.getContext())
					.anySatisfy((parent) -> assertThat(parent.getName()).isEqualTo("llm.routing")));
		});
	}

	@Test
	void providerCallObservationsDescendFromTheCallersObservationOnTheStreamPathWithFailover() {
		sim.model("traced-a").failWith(SimulatedError.serverError());
		sim.model("traced-b").answer("A short traced answer.");
		this.runner.run((context) -> {
			ObservationRegistry registry = context.getBean(ObservationRegistry.class);
			StartedObservations started = context.getBean(StartedObservations.class);
			Observation request = Observation.start("it.request", registry);
			try (Observation.Scope scope = request.openScope()) {
				List<ChatResponse> chunks = context.getBean(RoutingChatClient.class)
					.prompt()
					.user("hello")
					.stream()
					.chatResponse()
					.collectList()
					.block();
				assertThat(chunks).isNotEmpty();
			}
			finally {
				request.stop();
			}
			assertThat(started.named("gen_ai.client.operation")).as("Spring AI's observation of each provider call")
				.hasSize(2)
				.allSatisfy((chat) -> assertThat(started.ancestry(chat)).contains(request.getContext())
					.anySatisfy((parent) -> assertThat(parent.getName()).isEqualTo("llm.routing")));
		});
	}

	@Test
	void eachRequestSeesItsOwnObservationAndNothingLeaksOnPooledThreads() {
		this.runner.run((context) -> {
			ObservationRegistry registry = context.getBean(ObservationRegistry.class);
			RoutingChatModel router = context.getBean(RoutingChatModel.class);
			RecordingChatModel recording = context.getBean(RecordingChatModel.class);
			Observation first = Observation.start("it.first", registry);
			try (Observation.Scope scope = first.openScope()) {
				router.call(new Prompt("one"));
			}
			finally {
				first.stop();
			}
			Observation second = Observation.start("it.second", registry);
			try (Observation.Scope scope = second.openScope()) {
				router.call(new Prompt("two"));
			}
			finally {
				second.stop();
			}
			router.call(new Prompt("three")); // no observation open in the caller
			assertThat(recording.calls).hasSize(3);
			assertThat(ancestry(recording.calls.get(0).observation())).contains(first).doesNotContain(second);
			assertThat(ancestry(recording.calls.get(1).observation())).contains(second).doesNotContain(first);
			assertThat(ancestry(recording.calls.get(2).observation())).doesNotContain(first, second);
		});
	}

	private static List<Observation> ancestry(@Nullable Observation observation) {
		List<Observation> chain = new ArrayList<>();
		for (Observation current = observation; current != null; current = current.getContextView()
			.getParentObservation() instanceof Observation parent ? parent : null) {
			chain.add(current);
		}
		return chain;
	}

	record Call(String thread, @Nullable Observation observation) {
	}

	/** Every observation started in the registry, in order. */
	static final class StartedObservations implements ObservationHandler<Observation.Context> {

		final List<Observation.Context> contexts = new CopyOnWriteArrayList<>();

		@Override
		public void onStart(Observation.Context context) {
			this.contexts.add(context);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

		List<Observation.Context> named(String name) {
			return this.contexts.stream().filter((context) -> name.equals(context.getName())).toList();
		}

		List<Observation.ContextView> ancestry(Observation.ContextView context) {
			List<Observation.ContextView> chain = new ArrayList<>();
			for (ObservationView parent = context.getParentObservation(); parent != null; parent = parent
				.getContextView()
				.getParentObservation()) {
				chain.add(parent.getContextView());
			}
			return chain;
		}

	}

	/**
	 * A ChatModel that records the current observation and thread, then delegates to the
	 * real OpenAI model.
	 */
	static final class RecordingChatModel implements ChatModel {

		private final ChatModel delegate;

		private final ObservationRegistry registry;

		final List<Call> calls = new CopyOnWriteArrayList<>();

		RecordingChatModel(ChatModel delegate, ObservationRegistry registry) {
			this.delegate = delegate;
			this.registry = registry;
		}

		@Override
		public ChatResponse call(Prompt prompt) {
			this.calls.add(new Call(Thread.currentThread().getName(), this.registry.getCurrentObservation()));
			return this.delegate.call(prompt);
		}

		@Override
		public Flux<ChatResponse> stream(Prompt prompt) {
			return this.delegate.stream(prompt);
		}

		@Override
		public ChatOptions getOptions() {
			return this.delegate.getOptions();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingConfiguration {

		@Bean
		StartedObservations startedObservations() {
			return new StartedObservations();
		}

		@Bean
		ObservationRegistry observationRegistry(StartedObservations started) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(started); // not a no-op
																		// registry
			return registry;
		}

		@Bean
		RecordingChatModel recordingChatModel(SimulatedProviders.SimulatorEndpoint endpoint,
				ObservationRegistry registry) {
			OpenAiChatModel observed = OpenAiChatModel.builder()
				.options(OpenAiChatOptions.builder()
					.baseUrl(endpoint.baseUrl())
					.apiKey("test-key")
					.model(SimulatedProviders.OPENAI_DEFAULT_MODEL)
					.maxRetries(0)
					.timeout(SimulatedProviders.CLIENT_TIMEOUT)
					.build())
				.observationRegistry(registry)
				.build();
			return new RecordingChatModel(observed, registry);
		}

	}

}
