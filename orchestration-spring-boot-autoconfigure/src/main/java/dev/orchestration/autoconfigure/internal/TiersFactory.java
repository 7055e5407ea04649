package dev.orchestration.autoconfigure.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.orchestration.autoconfigure.InvalidOrchestrationConfigurationException;
import dev.orchestration.autoconfigure.OrchestrationProperties;
import dev.orchestration.cost.Price;
import dev.orchestration.provider.internal.ProviderChatModels;
import dev.orchestration.routing.ClassPolicy;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.RoutingRule;
import dev.orchestration.routing.Tier;
import dev.orchestration.routing.TierMember;
import dev.orchestration.routing.Tiers;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Turns {@code llm.*} properties into tiers and rules, failing start-up with the property
 * and the fix when the configuration is wrong.
 */
public final class TiersFactory {

	private static final String TIERS = "llm.tiers";

	private final OrchestrationProperties properties;

	private final ListableBeanFactory beanFactory;

	public TiersFactory(OrchestrationProperties properties, ListableBeanFactory beanFactory) {
		this.properties = properties;
		this.beanFactory = beanFactory;
	}

	public Tiers tiers() {
		Map<String, OrchestrationProperties.Tier> configured = this.properties.getTiers();
		if (configured.isEmpty()) {
			throw new InvalidOrchestrationConfigurationException(TIERS, "no tiers are configured",
					"declare at least one tier, e.g. llm.tiers.small.models[0].chat-model=openAiChatModel, "
							+ "or set llm.enabled=false");
		}
		requireEveryDeclaredTierBound(configured);
		Map<String, String> normalized = new HashMap<>();
		Set<String> memberIds = new HashSet<>();
		List<Tier> tiers = new ArrayList<>();
		configured.forEach((name, tier) -> {
			String previous = normalized.put(normalize(name), name);
			if (previous != null) {
				throw new InvalidOrchestrationConfigurationException(TIERS + "." + name,
						"tier '" + name + "' duplicates tier '" + previous + "'",
						"give every tier a distinct name (names are compared ignoring case, '-' and '_')");
			}
			tiers.add(tier(name, tier, memberIds));
		});
		return new Tiers(tiers);
	}

	/**
	 * The binder drops a tier that binds no property at all (for example
	 * {@code llm.tiers.large.chat-model=...} without {@code models[0]}, or an empty
	 * {@code large:} in YAML), so the validator never sees it; the raw property names
	 * still show it. (An empty YAML map {@code large: {}} leaves no property at all.)
	 */
	private void requireEveryDeclaredTierBound(Map<String, OrchestrationProperties.Tier> configured) {
		Environment environment = this.beanFactory.getBeanProvider(Environment.class).getIfAvailable();
		if (environment == null) {
			return;
		}
		Map<String, Object> declared = Binder.get(environment)
			.bind(TIERS, Bindable.mapOf(String.class, Object.class))
			.orElse(Map.of());
		for (String name : declared.keySet()) {
			if (!configured.containsKey(name)) {
				String property = TIERS + "." + name + ".models";
				throw new InvalidOrchestrationConfigurationException(property,
						"tier '" + name + "' declares no models (member keys such as chat-model belong under "
								+ "models[0])",
						"add at least one member, e.g. " + property + "[0].chat-model=<ChatModel bean name>, "
								+ "or remove the tier");
			}
		}
	}

	private Tier tier(String name, OrchestrationProperties.Tier tier, Set<String> memberIds) {
		String property = TIERS + "." + name + ".models";
		List<TierMember> members = new ArrayList<>();
		for (int i = 0; i < tier.getModels().size(); i++) {
			TierMember member = member(name, property + "[" + i + "]", tier.getModels().get(i));
			if (!memberIds.add(member.id())) {
				throw new InvalidOrchestrationConfigurationException(property + "[" + i + "].id",
						"member id '" + member.id() + "' is used twice",
						"set a distinct id on one of the members (" + property + "[" + i + "].id)");
			}
			members.add(member);
		}
		return new Tier(name, members);
	}

	private TierMember member(String tier, String property, OrchestrationProperties.Member member) {
		String beanName = member.getChatModel();
		ChatModel chatModel;
		if (member.getProvider() != null) {
			if (beanName != null) {
				throw new InvalidOrchestrationConfigurationException(property + ".provider",
						"both a provider and a chat-model bean are set",
						"keep one of " + property + ".provider and " + property + ".chat-model");
			}
			beanName = "provider:" + member.getProvider();
			chatModel = providerChatModel(property + ".provider", member.getProvider());
		}
		else {
			chatModel = chatModel(property + ".chat-model", beanName);
		}
		OrchestrationProperties.Price price = member.getPrice();
		String id = (member.getId() != null) ? member.getId() : tier + "-" + ((member.getModel() != null)
				? member.getModel() : (member.getProvider() != null) ? member.getProvider() : beanName);
		return new TierMember(id, tier, beanName, chatModel, member.getModel(), options(member),
				new Price(price.getInputPerMillion(), price.getOutputPerMillion()));
	}

	private ChatModel chatModel(String property, @Nullable String beanName) {
		Set<String> available = new TreeSet<>();
		for (String name : this.beanFactory.getBeanNamesForType(ChatModel.class, true, false)) {
			Class<?> type = this.beanFactory.getType(name, false);
			if (type == null || !RoutingChatModel.class.isAssignableFrom(type)) {
				available.add(name);
			}
		}
		if (available.isEmpty()) {
			throw new InvalidOrchestrationConfigurationException(property,
					"the application has no ChatModel bean for the tier to call",
					"add a Spring AI model starter, which creates one from its properties: "
							+ "org.springframework.ai:spring-ai-starter-model-openai with spring.ai.openai.api-key "
							+ "(bean openAiChatModel), spring-ai-starter-model-anthropic with "
							+ "spring.ai.anthropic.api-key (anthropicChatModel), spring-ai-starter-model-ollama "
							+ "(ollamaChatModel), or define a ChatModel bean yourself; then name that bean here. "
							+ "(llm.providers, coming, will create the clients from llm.* alone)");
		}
		if (beanName == null || beanName.isBlank()) {
			throw new InvalidOrchestrationConfigurationException(property, "no ChatModel bean is named",
					"set it to one of the ChatModel beans " + available + ", or set "
							+ property.replace(".chat-model", ".provider") + " to a provider under llm.providers");
		}
		if (!available.contains(beanName)) {
			throw new InvalidOrchestrationConfigurationException(property,
					"there is no ChatModel bean named '" + beanName + "'", "use one of the ChatModel beans that exist: "
							+ available + " (or define a ChatModel bean with that name)");
		}
		return this.beanFactory.getBean(beanName, ChatModel.class);
	}

	private ChatModel providerChatModel(String property, String id) {
		ProviderChatModels providers = this.beanFactory.getBeanProvider(ProviderChatModels.class).getIfAvailable();
		ChatModel chatModel = (providers != null) ? providers.chatModel(id) : null;
		if (chatModel == null) {
			throw new InvalidOrchestrationConfigurationException(property, "there is no provider '" + id + "'",
					(providers != null)
							? "use one of the providers declared under llm.providers: " + new TreeSet<>(providers.ids())
							: "declare it, e.g. llm.providers." + id + ".api=openai and llm.providers." + id
									+ ".api-key=${OPENAI_API_KEY}");
		}
		return chatModel;
	}

	private static @Nullable ChatOptions options(OrchestrationProperties.Member member) {
		if (member.getTemperature() == null && member.getMaxTokens() == null && member.getTopP() == null) {
			return null;
		}
		return ChatOptions.builder()
			.temperature(member.getTemperature())
			.maxTokens(member.getMaxTokens())
			.topP(member.getTopP())
			.build();
	}

	public List<RoutingRule> rules(Tiers tiers) {
		return RoutingRuleBinder.rules("llm.routing.rules", this.properties.getRouting().getRules(), tiers);
	}

	public Map<String, ClassPolicy> classPolicies(Tiers tiers) {
		Map<String, ClassPolicy> policies = new java.util.LinkedHashMap<>();
		this.properties.getRouting().getClasses().forEach((task, settings) -> {
			String property = "llm.routing.classes." + task;
			settings.getQuality()
				.keySet()
				.forEach((tier) -> RoutingRuleBinder.requireTier(tiers, property + ".quality." + tier, tier));
			policies.put(task, new ClassPolicy(task, settings.getQuality(), settings.getQualityFloor(),
					settings.getLatencyObjective()));
		});
		return policies;
	}

	public String defaultTier(Tiers tiers) {
		String configured = this.properties.getRouting().getDefaultTier();
		return (configured != null) ? RoutingRuleBinder.requireTier(tiers, "llm.routing.default-tier", configured)
				: tiers.all().get(0).name();
	}

	static @Nullable String optionalTier(Tiers tiers, String property, @Nullable String name) {
		return (name != null) ? RoutingRuleBinder.requireTier(tiers, property, name) : null;
	}

	private static String normalize(String name) {
		return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
	}

}
