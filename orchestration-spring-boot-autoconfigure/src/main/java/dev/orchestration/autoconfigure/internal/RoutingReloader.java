package dev.orchestration.autoconfigure.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.orchestration.autoconfigure.InvalidOrchestrationConfigurationException;
import dev.orchestration.autoconfigure.OrchestrationProperties;
import dev.orchestration.rollout.CanaryStatus;
import dev.orchestration.rollout.ReloadOutcome;
import dev.orchestration.rollout.RolloutAdministration;
import dev.orchestration.rollout.internal.CanaryController;
import dev.orchestration.routing.CanaryShare;
import dev.orchestration.routing.FailoverPolicy;
import dev.orchestration.routing.MemberSelector;
import dev.orchestration.routing.RouteResolver;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.RoutingConfiguration;
import dev.orchestration.routing.RoutingConfigurations;
import dev.orchestration.routing.Tiers;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Reloads the routing configuration without a restart: binds {@code llm.*} again
 * (endpoint overrides over the reload file over the environment), validates it with the
 * start-up rules, and swaps the new configuration in atomically, or refuses it naming the
 * property and the fix while the old one keeps serving. What a reload can change: rules,
 * default tier, class policies, failover tiers, the members of the existing tiers,
 * weights and canaries. Tier names, providers, caches, budgets, breaker settings and the
 * rest need a restart.
 */
public final class RoutingReloader implements RolloutAdministration {

	private static final Log logger = LogFactory.getLog(RoutingReloader.class);

	private final ConfigurableEnvironment environment;

	private final Supplier<RoutingChatModel> router;

	private final RoutingConfigurationFactory factory;

	private final CanaryController canaries;

	private final boolean rebuildResolver;

	private final Clock clock;

	private final String stickiness;

	private Map<String, Object> endpointProperties = Map.of();

	private Map<String, Object> fileProperties = Map.of();

	private volatile @Nullable ReloadOutcome lastReload;

	private volatile @Nullable ReloadOutcome lastRefused;

	public RoutingReloader(ConfigurableEnvironment environment, Supplier<RoutingChatModel> router,
			RoutingConfigurationFactory factory, CanaryController canaries, boolean rebuildResolver, Clock clock,
			String stickiness) {
		this.environment = environment;
		this.router = router;
		this.factory = factory;
		this.canaries = canaries;
		this.rebuildResolver = rebuildResolver;
		this.clock = clock;
		this.stickiness = stickiness;
	}

	@Override
	public ReloadOutcome reload(Map<String, String> properties) {
		synchronized (this) {
			Map<String, Object> merged = new LinkedHashMap<>(this.endpointProperties);
			merged.putAll(properties);
			return reload("endpoint", merged, this.fileProperties);
		}
	}

	/**
	 * Reloads with the properties of the reload file (it replaces what the file said
	 * before).
	 */
	public synchronized ReloadOutcome reloadFile(Map<String, Object> properties) {
		return reload("file", this.endpointProperties, properties);
	}

	/** Reloads after the environment changed (Spring Cloud's refresh). */
	public synchronized ReloadOutcome reloadEnvironment() {
		return reload("environment", this.endpointProperties, this.fileProperties);
	}

	private ReloadOutcome reload(String source, Map<String, Object> endpoint, Map<String, Object> file) {
		RoutingConfigurations configurations = this.router.get().getConfigurations();
		RoutingConfiguration current = configurations.current();
		ReloadOutcome outcome;
		try {
			OrchestrationProperties properties = bind(endpoint, file);
			Tiers tiers = this.factory.tiers(properties);
			requireSameTierNames(current.tiers(), tiers);
			RouteResolver resolver = this.rebuildResolver ? this.factory.resolver(properties, tiers)
					: current.resolver();
			FailoverPolicy policy = RoutingConfigurationFactory.policy(properties, tiers);
			List<CanaryController.Canary> declared = this.factory.canaries(properties, tiers);
			Map<String, CanaryShare> trial = new LinkedHashMap<>();
			declared.forEach((canary) -> trial.put(canary.member(), new CanaryShare(0)));
			this.factory.selector(properties, tiers, trial);
			MemberSelector selector = this.factory.selector(properties, tiers, this.canaries.install(declared));
			RoutingConfiguration next = configurations.replace(tiers, resolver, policy, selector);
			this.endpointProperties = Map.copyOf(endpoint);
			this.fileProperties = Map.copyOf(file);
			outcome = ReloadOutcome.accepted(next.version(), source, this.clock.instant());
			this.lastReload = outcome;
			logger.info("Routing configuration version " + next.version() + " in force (reloaded from " + source + ")");
		}
		catch (InvalidOrchestrationConfigurationException ex) {
			outcome = refused(current, source, ex.getProperty(), ex.getProblem(), ex.getAction());
		}
		catch (BindException ex) {
			outcome = refused(current, source, ex);
		}
		return outcome;
	}

	private static void requireSameTierNames(Tiers current, Tiers next) {
		if (!new ArrayList<>(current.names()).equals(new ArrayList<>(next.names()))) {
			throw new InvalidOrchestrationConfigurationException("llm.tiers", "the tiers " + next.names()
					+ " differ from the tiers in force " + current.names()
					+ " (the cascade, budgets, shadow traffic and task inference hold tier names from start-up)",
					"keep the tier names and their order in a reload (change their members freely), and restart the "
							+ "application to add, remove or reorder tiers");
		}
	}

	/**
	 * Binds {@code llm.*} from one flat source: the environment's values (highest
	 * precedence first), then the file's, then the endpoint's laid over them. One source,
	 * because the binder takes a list from the first source that has any element of it:
	 * {@code models[1]} from the endpoint alone would drop {@code models[0]}.
	 */
	private OrchestrationProperties bind(Map<String, Object> endpoint, Map<String, Object> file) {
		ConfigurationPropertyName root = ConfigurationPropertyName.of(OrchestrationProperties.CONFIG_PREFIX);
		Map<String, Object> flat = new LinkedHashMap<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.filter(root::isAncestorOf).forEach((name) -> {
					ConfigurationProperty property = iterable.getConfigurationProperty(name);
					if (property != null) {
						flat.putIfAbsent(name.toString(), property.getValue());
					}
				});
			}
		}
		file.forEach((key, value) -> flat.put(ConfigurationPropertyName.adapt(key, '.').toString(), value));
		endpoint.forEach((key, value) -> flat.put(ConfigurationPropertyName.adapt(key, '.').toString(), value));
		Binder binder = new Binder(ConfigurationPropertySources.from(new MapPropertySource("llm-reload", flat)),
				new PropertySourcesPlaceholdersResolver(this.environment),
				ApplicationConversionService.getSharedInstance());
		OrchestrationProperties properties = new OrchestrationProperties();
		binder.bind(OrchestrationProperties.CONFIG_PREFIX, Bindable.ofInstance(properties),
				new ValidationBindHandler(properties));
		return properties;
	}

	private ReloadOutcome refused(RoutingConfiguration current, String source, BindException ex) {
		if (ex.getCause() instanceof BindValidationException validation
				&& !validation.getValidationErrors().getAllErrors().isEmpty()) {
			ObjectError error = validation.getValidationErrors().getAllErrors().get(0);
			String property = (error instanceof FieldError field) ? error.getObjectName() + "." + field.getField()
					: error.getObjectName();
			Object[] arguments = error.getArguments();
			return refused(current, source, property, String.valueOf(error.getDefaultMessage()),
					(arguments != null && arguments.length > 0) ? String.valueOf(arguments[0]) : "correct the value");
		}
		Throwable reason = ex;
		while (reason.getCause() != null) {
			reason = reason.getCause();
		}
		return refused(current, source, ex.getName().toString(),
				"the value cannot be bound (" + reason.getMessage() + ")",
				"give a value of the property's type; docs/configuration.md lists every key with its type");
	}

	private ReloadOutcome refused(RoutingConfiguration current, String source, String property, String problem,
			String fix) {
		ReloadOutcome outcome = ReloadOutcome.refused(current.version(), source, this.clock.instant(), property,
				problem, fix);
		this.lastRefused = outcome;
		logger.warn("Refused a routing configuration reload from " + source + " at '" + property + "': " + problem
				+ ". Action: " + fix + ". Version " + current.version() + " keeps serving.");
		return outcome;
	}

	@Override
	public Report report() {
		return new Report(this.router.get().getConfigurations().current().version(), this.lastReload, this.lastRefused,
				this.stickiness, this.canaries.statuses());
	}

	@Override
	public @Nullable CanaryStatus act(String member, String action) {
		return this.canaries.act(member, action);
	}

}
