package dev.orchestration.autoconfigure;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.orchestration.autoconfigure.internal.RoutingConfigurationFactory;
import dev.orchestration.autoconfigure.internal.RoutingReloader;
import dev.orchestration.rollout.CanaryEvalGate;
import dev.orchestration.rollout.internal.CanaryController;
import dev.orchestration.routing.RoutingChatModel;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Canary ramps, the rollout advisor, reloads (endpoint, watched file, Spring Cloud's
 * environment refresh) and the schedule that evaluates canaries and polls the reload
 * file.
 */
@Configuration(proxyBeanMethods = false)
class OrchestrationRolloutConfiguration {

	/**
	 * The bean name of the auto-configured rule-based resolver; a reload rebuilds it only
	 * when it is ours.
	 */
	static final String RESOLVER_BEAN = "llmRouteResolver";

	@Bean
	@ConditionalOnMissingBean
	CanaryController llmCanaryController(ObjectProvider<Clock> clock, ObjectProvider<CanaryEvalGate> gates,
			ApplicationEventPublisher events, ObjectProvider<MeterRegistry> meters) {
		return new CanaryController(clock.getIfUnique(Clock::systemUTC), gates.orderedStream().toList(),
				events::publishEvent, meters.getIfUnique());
	}

	@Bean
	@ConditionalOnMissingBean
	RoutingReloader llmRoutingReloader(ConfigurableEnvironment environment, ObjectProvider<RoutingChatModel> router,
			ListableBeanFactory beanFactory, CanaryController canaries, OrchestrationRolloutProperties rollout,
			ObjectProvider<Clock> clock) {
		return new RoutingReloader(environment, router::getObject,
				new RoutingConfigurationFactory(beanFactory, rollout.getStickyAssignment()), canaries,
				beanFactory.containsBeanDefinition(RESOLVER_BEAN), clock.getIfUnique(Clock::systemUTC),
				rollout.getStickyAssignment().name().toLowerCase(Locale.ROOT));
	}

	@Bean
	RolloutSchedule llmRolloutSchedule(OrchestrationRolloutProperties rollout, CanaryController canaries,
			RoutingReloader reloader) {
		return new RolloutSchedule(rollout, canaries, reloader);
	}

	/**
	 * Reloads the routing configuration when Spring Cloud refreshes an {@code llm.*}
	 * property.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.cloud.context.environment.EnvironmentChangeEvent")
	static class EnvironmentRefreshConfiguration {

		@Bean
		ApplicationListener<EnvironmentChangeEvent> llmRoutingRefreshListener(RoutingReloader reloader) {
			return (event) -> {
				if (event.getKeys()
					.stream()
					.anyMatch((key) -> key.startsWith(OrchestrationProperties.CONFIG_PREFIX + "."))) {
					reloader.reloadEnvironment();
				}
			};
		}

	}

	/**
	 * One daemon thread, started only when needed: canary evaluation every interval once
	 * a canary exists (at start-up or after a reload), and the reload file poll.
	 */
	static final class RolloutSchedule implements DisposableBean {

		private final Duration evaluation;

		private final CanaryController canaries;

		private @Nullable ScheduledExecutorService executor;

		private boolean evaluating;

		RolloutSchedule(OrchestrationRolloutProperties rollout, CanaryController canaries, RoutingReloader reloader) {
			this.evaluation = rollout.getEvaluationInterval();
			this.canaries = canaries;
			String file = rollout.getReload().getFile();
			if (file != null) {
				long poll = rollout.getReload().getPollInterval().toMillis();
				executor().scheduleWithFixedDelay(new ReloadFileWatcher(Path.of(file), reloader), poll, poll,
						TimeUnit.MILLISECONDS);
			}
			canaries.onInstall(this::evaluateIfNeeded);
			evaluateIfNeeded();
		}

		private synchronized void evaluateIfNeeded() {
			if (!this.evaluating && !this.evaluation.isZero() && this.canaries.hasCanaries()) {
				this.evaluating = true;
				executor().scheduleWithFixedDelay(this.canaries::evaluate, this.evaluation.toMillis(),
						this.evaluation.toMillis(), TimeUnit.MILLISECONDS);
			}
		}

		private synchronized ScheduledExecutorService executor() {
			ScheduledExecutorService current = this.executor;
			if (current == null) {
				current = Executors.newSingleThreadScheduledExecutor((task) -> {
					Thread thread = new Thread(task, "llm-rollout");
					thread.setDaemon(true);
					return thread;
				});
				this.executor = current;
			}
			return current;
		}

		@Override
		public synchronized void destroy() {
			ScheduledExecutorService running = this.executor;
			if (running != null) {
				running.shutdownNow();
			}
		}

	}

}
