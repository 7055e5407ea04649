package dev.orchestration.autoconfigure.provider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import dev.orchestration.provider.internal.ClientRetries;
import dev.orchestration.routing.Tier;
import dev.orchestration.routing.TierMember;
import dev.orchestration.routing.Tiers;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Warns at start-up, naming the member properties, when a member's Spring AI client
 * retries failed calls itself: those retries hide inside one routing attempt and delay
 * every failover by the SDK's backoff.
 */
final class ClientRetriesCheck implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(ClientRetriesCheck.class);

	private final Tiers tiers;

	ClientRetriesCheck(Tiers tiers) {
		this.tiers = tiers;
	}

	@Override
	public void afterSingletonsInstantiated() {
		warnings().forEach(logger::warn);
	}

	/**
	 * One warning per chat model whose client retries, listing the members that use it.
	 */
	List<String> warnings() {
		Map<ChatModel, List<String>> properties = new LinkedHashMap<>();
		Map<ChatModel, String> beans = new LinkedHashMap<>();
		for (Tier tier : this.tiers.all()) {
			for (int i = 0; i < tier.members().size(); i++) {
				TierMember member = tier.members().get(i);
				properties.computeIfAbsent(member.chatModel(), (model) -> new ArrayList<>())
					.add("llm.tiers." + tier.name() + ".models[" + i + "].chat-model");
				beans.putIfAbsent(member.chatModel(), member.chatModelBean());
			}
		}
		List<String> warnings = new ArrayList<>();
		properties.forEach((chatModel, members) -> {
			OptionalInt retries = ClientRetries.of(chatModel);
			if (retries.isPresent() && retries.getAsInt() > 0) {
				String property = ClientRetries.property(chatModel);
				warnings.add("ChatModel '" + beans.get(chatModel) + "' (used by " + String.join(", ", members)
						+ ") retries failed calls " + retries.getAsInt() + " times inside its SDK client: each "
						+ "failover then waits for those retries and the receipt shows one attempt. Set "
						+ ((property != null) ? property + "=0 (Spring AI's auto-configured client) or " : "")
						+ "maxRetries(0) on the client you build, or declare the endpoint under llm.providers");
			}
		});
		return warnings;
	}

}
