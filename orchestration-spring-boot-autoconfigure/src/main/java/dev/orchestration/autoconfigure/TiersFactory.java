package dev.orchestration.autoconfigure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.orchestration.cost.Price;
import dev.orchestration.provider.ProviderChatModels;
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

/**
 * Turns {@code llm.*} properties into tiers and rules, failing start-up with the property and the fix when the
 * configuration is wrong.
 */
final class TiersFactory {

	private static final String TIERS = "llm.tiers";

	private final OrchestrationProperties properties;

	private final ListableBeanFactory beanFactory;

	TiersFactory(OrchestrationProperties properties, ListableBeanFactory beanFactory) {
		this.properties = properties;
		this.beanFactory = beanFactory;
	}

	Tiers tiers() {
		Map<String, OrchestrationProperties.Tier> configured = this.properties.getTiers();
		if (configured.isEmpty()) {
			throw new InvalidOrchestrationConfigurationException(TIERS, "no tiers are configured",
					"declare at least one tier, e.g. llm.tiers.small.models[0].chat-model=openAiChatModel, "
							+ "or set llm.enabled=false");
		}
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

	private Tier tier(String name, OrchestrationProperties.Tier tier, Set<String> memberIds) {
		String property = TIERS + "." + name + ".models";
		if (tier.getModels().isEmpty()) {
			throw new InvalidOrchestrationConfigurationException(property, "tier '" + name + "' has no models",
					"add at least one member, e.g. " + property + "[0].chat-model=<ChatModel bean name>, "
							+ "or remove the tier");
		}
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
						"both a provider and a chat-model bean are set", "keep one of " + property + ".provider and "
								+ property + ".chat-model");
			}
			beanName = "provider:" + member.getProvider();
			chatModel = providerChatModel(property + ".provider", member.getProvider());
		}
		else {
			chatModel = chatModel(property + ".chat-model", beanName);
		}
		OrchestrationProperties.Price price = member.getPrice();
		if (price.getInputPerMillion() < 0 || price.getOutputPerMillion() < 0) {
			String field = (price.getInputPerMillion() < 0) ? "input-per-million" : "output-per-million";
			throw new InvalidOrchestrationConfigurationException(property + ".price." + field,
					"the price is negative", "set a price of 0 or more (USD per million tokens)");
		}
		String id = (member.getId() != null) ? member.getId()
				: tier + "-" + ((member.getModel() != null) ? member.getModel()
						: (member.getProvider() != null) ? member.getProvider() : beanName);
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
		if (beanName == null || beanName.isBlank()) {
			throw new InvalidOrchestrationConfigurationException(property, "no ChatModel bean is named",
					"set it to one of the ChatModel beans " + available + ", or set "
							+ property.replace(".chat-model", ".provider") + " to a provider under llm.providers");
		}
		if (!available.contains(beanName)) {
			throw new InvalidOrchestrationConfigurationException(property,
					"there is no ChatModel bean named '" + beanName + "'",
					"use one of the ChatModel beans that exist: " + available
							+ " (or define a ChatModel bean with that name)");
		}
		return this.beanFactory.getBean(beanName, ChatModel.class);
	}

	private ChatModel providerChatModel(String property, String id) {
		ProviderChatModels providers = this.beanFactory.getBeanProvider(ProviderChatModels.class).getIfAvailable();
		ChatModel chatModel = (providers != null) ? providers.chatModel(id) : null;
		if (chatModel == null) {
			throw new InvalidOrchestrationConfigurationException(property, "there is no provider '" + id + "'",
					(providers != null) ? "use one of the providers declared under llm.providers: "
							+ new TreeSet<>(providers.ids()) : "declare it, e.g. llm.providers." + id
									+ ".api=openai and llm.providers." + id + ".api-key=${OPENAI_API_KEY}");
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

	List<RoutingRule> rules(Tiers tiers) {
		return RoutingRuleBinder.rules("llm.routing.rules", this.properties.getRouting().getRules(), tiers);
	}

	Map<String, ClassPolicy> classPolicies(Tiers tiers) {
		Map<String, ClassPolicy> policies = new java.util.LinkedHashMap<>();
		this.properties.getRouting().getClasses().forEach((task, settings) -> {
			String property = "llm.routing.classes." + task;
			if (settings.getQualityFloor() < 0 || settings.getQualityFloor() > 1) {
				throw new InvalidOrchestrationConfigurationException(property + ".quality-floor",
						"the floor " + settings.getQualityFloor() + " is outside 0..1", "set a quality between 0 and 1");
			}
			if (settings.getQuality().isEmpty()) {
				throw new InvalidOrchestrationConfigurationException(property + ".quality",
						"no tier quality is given", "give each candidate tier's expected quality, e.g. "
								+ property + ".quality.small=0.72 (the tuner prints them)");
			}
			settings.getQuality().forEach((tier, quality) -> {
				RoutingRuleBinder.requireTier(tiers, property + ".quality." + tier, tier);
				if (quality < 0 || quality > 1) {
					throw new InvalidOrchestrationConfigurationException(property + ".quality." + tier,
							"the quality " + quality + " is outside 0..1", "set a quality between 0 and 1");
				}
			});
			policies.put(task, new ClassPolicy(task, settings.getQuality(), settings.getQualityFloor(),
					settings.getLatencyObjective()));
		});
		return policies;
	}

	String defaultTier(Tiers tiers) {
		String configured = this.properties.getRouting().getDefaultTier();
		return (configured != null) ? RoutingRuleBinder.requireTier(tiers, "llm.routing.default-tier", configured)
				: tiers.all().get(0).name();
	}

	@Nullable String optionalTier(Tiers tiers, String property, @Nullable String name) {
		return (name != null) ? RoutingRuleBinder.requireTier(tiers, property, name) : null;
	}

	private static String normalize(String name) {
		return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
	}

}
