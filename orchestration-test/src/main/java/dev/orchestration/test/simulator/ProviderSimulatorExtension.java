package dev.orchestration.test.simulator;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;

/**
 * JUnit 5 lifecycle of a {@link ProviderSimulator}: started on a random loopback port
 * before the test class, reset before and after every test, closed after the class; its
 * base URL published as the system property {@value #BASE_URL_PROPERTY} (so a Spring
 * environment resolves
 * {@code spring.ai.openai.base-url=${orchestration.simulator.base-url}}) and through
 * {@link #baseUrl()} (for {@code @DynamicPropertySource}); {@link ProviderSimulator}
 * parameters of test, lifecycle and constructor methods are resolved to it.
 *
 * <pre class="code">
 * class MyTests {
 *
 *     &#64;RegisterExtension
 *     static final ProviderSimulatorExtension simulator = new ProviderSimulatorExtension();
 *
 *     &#64;DynamicPropertySource
 *     static void providers(DynamicPropertyRegistry registry) {
 *         registry.add("spring.ai.openai.base-url", simulator::baseUrl);
 *     }
 *
 *     &#64;Test
 *     void answers(ProviderSimulator sim) {
 *         sim.model("gpt-sim").answer("hello");
 *         ...
 *     }
 * }
 * </pre>
 *
 * Register it on a {@code static} field (or with
 * {@code @ExtendWith(ProviderSimulatorExtension.class)} on the class): the class-level
 * callbacks only run for static registrations.
 *
 * <h2>Isolation between tests</h2> Each test starts on a clean simulator: every model's
 * script, faults and call count are reset, hanging requests released and the request log
 * cleared before it runs ({@link ProviderSimulator#reset()}), so a test never sees the
 * scripts or the requests of the one before. After each test the simulator is reset once
 * more, which releases the requests the test left hanging (their connections are dropped,
 * so no client of the finished test is still waiting on the simulator when the next test
 * starts). What a shared server cannot tell apart is a request <em>sent</em> after its
 * test returned (a fire-and-forget call the test did not wait for, on a thread the test
 * did not join): it would be logged during the next test. {@link #perMethod()} makes that
 * impossible too: every test gets its own simulator on its own port (never the previous
 * test's port), started before the test instance is constructed and closed after the
 * test, so a late request of a finished test can only reach a closed port. Use it for
 * tests whose code under test works asynchronously (cascades, shadow traffic) and that
 * assert on the request log; it costs one server start per test (a few milliseconds). The
 * published base URL then changes per test, so it suits {@code ApplicationContextRunner}
 * tests, not a Spring test context cached across tests.
 *
 * <p>
 * The system property is global to the JVM: it holds the URL of the simulator of the
 * class running now (the last one started when test classes run in parallel) and is
 * restored to its previous value after the class.
 */
public final class ProviderSimulatorExtension implements BeforeAllCallback, AfterAllCallback,
		TestInstancePreConstructCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

	/**
	 * The system property that holds the running simulator's base URL, e.g.
	 * {@code http://127.0.0.1:54321}.
	 */
	public static final String BASE_URL_PROPERTY = "orchestration.simulator.base-url";

	private final boolean perMethod;

	private volatile @Nullable ProviderSimulator simulator;

	/** The class context that started a per-class simulator (nested classes share it). */
	private @Nullable ExtensionContext owner;

	private int lastPort = -1;

	private @Nullable String previousProperty;

	private boolean propertySet;

	/**
	 * One simulator per test class, reset before and after each test (also the
	 * {@code @ExtendWith} form).
	 */
	public ProviderSimulatorExtension() {
		this(false);
	}

	private ProviderSimulatorExtension(boolean perMethod) {
		this.perMethod = perMethod;
	}

	/**
	 * One simulator per test class, reset before and after each test.
	 * @return the extension
	 */
	public static ProviderSimulatorExtension perClass() {
		return new ProviderSimulatorExtension(false);
	}

	/**
	 * A new simulator on a new port for every test, closed after it.
	 * @return the extension
	 */
	public static ProviderSimulatorExtension perMethod() {
		return new ProviderSimulatorExtension(true);
	}

	/**
	 * The running simulator (in per-method mode, the current test's).
	 * @return the simulator
	 * @throws IllegalStateException outside the test class's lifecycle
	 */
	public ProviderSimulator simulator() {
		ProviderSimulator current = this.simulator;
		if (current == null) {
			throw new IllegalStateException("The provider simulator is not running: register ProviderSimulatorExtension"
					+ " on a static field with @RegisterExtension (or with @ExtendWith on the class) and use it from"
					+ " test, lifecycle or constructor code");
		}
		return current;
	}

	/**
	 * The running simulator's base URL, e.g. {@code http://127.0.0.1:54321}; a method
	 * reference to it is the supplier {@code DynamicPropertyRegistry.add} wants.
	 * @return the base URL
	 */
	public String baseUrl() {
		return simulator().baseUrl();
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		publishProperty();
		if (!this.perMethod && this.simulator == null) {
			this.owner = context;
			start();
		}
	}

	@Override
	public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
		// per-method: the instance's field initialisers may already read simulator()
		if (this.perMethod && this.simulator == null) {
			start();
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (this.simulator == null) {
			start();
		}
		simulator().reset();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		ProviderSimulator current = this.simulator;
		if (current == null) {
			return;
		}
		if (this.perMethod) {
			this.simulator = null;
			current.close();
		}
		else {
			current.reset();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.owner != null && this.owner != context) {
			return; // a nested class ends; the enclosing class still runs
		}
		ProviderSimulator current = this.simulator;
		this.simulator = null;
		this.owner = null;
		if (current != null) {
			current.close();
		}
		restoreProperty();
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == ProviderSimulator.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		if (this.simulator == null && this.perMethod) {
			throw new ParameterResolutionException("A per-method provider simulator exists only for one test: ask for"
					+ " it in a test, @BeforeEach, @AfterEach or constructor parameter, not in @BeforeAll/@AfterAll");
		}
		return simulator();
	}

	private void start() {
		ProviderSimulator started = ProviderSimulator.start();
		if (started.port() == this.lastPort) {
			// the OS handed out the previous test's port again: take another one, so that
			// a late request of the
			// finished test can never reach this test's simulator
			ProviderSimulator again = ProviderSimulator.start();
			started.close();
			started = again;
		}
		this.lastPort = started.port();
		this.simulator = started;
		System.setProperty(BASE_URL_PROPERTY, started.baseUrl());
	}

	private void publishProperty() {
		if (!this.propertySet) {
			this.previousProperty = System.getProperty(BASE_URL_PROPERTY);
			this.propertySet = true;
		}
	}

	private void restoreProperty() {
		if (!this.propertySet) {
			return;
		}
		this.propertySet = false;
		if (this.previousProperty == null) {
			System.clearProperty(BASE_URL_PROPERTY);
		}
		else {
			System.setProperty(BASE_URL_PROPERTY, this.previousProperty);
		}
	}

}
