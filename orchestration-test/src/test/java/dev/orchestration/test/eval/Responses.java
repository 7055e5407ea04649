package dev.orchestration.test.eval;

import java.util.List;

import dev.orchestration.cascade.CascadeReceipt;
import dev.orchestration.cascade.CascadeStep;
import dev.orchestration.receipt.Route;
import dev.orchestration.receipt.RouteLayer;
import dev.orchestration.receipt.RoutingReceipt;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/**
 * Hand-made routed responses carrying the router's receipts, for tests without a Spring
 * context.
 */
final class Responses {

	private Responses() {
	}

	static ChatResponse plain(String text) {
		return new ChatResponse(List.of(new Generation(new AssistantMessage(text))));
	}

	static ChatResponse routed(String text, String tier, String model, double cost) {
		RoutingReceipt receipt = new RoutingReceipt(new Route(tier, RouteLayer.RULE, "test"), tier, tier + "-" + model,
				model, List.of(), 10, 5, cost, false);
		return ChatResponse.builder().from(plain(text)).metadata(RoutingReceipt.METADATA_KEY, receipt).build();
	}

	/**
	 * A cascade small -> large where the large step served; the routing receipt is the
	 * served answer's.
	 */
	static ChatResponse escalated(String text, String servedModel, double totalCost) {
		CascadeStep small = new CascadeStep("small", "small-cheap", totalCost / 4, 0, 10, 5, List.of(), false, 0.2,
				"a");
		CascadeStep large = new CascadeStep("large", "large-" + servedModel, totalCost / 2, totalCost / 4, 10, 5,
				List.of(), true, 0.9, "b");
		CascadeReceipt cascade = new CascadeReceipt(List.of(small, large), "accepted", 1, totalCost, 20, 10);
		RoutingReceipt receipt = new RoutingReceipt(new Route("large", RouteLayer.CASCADE, "from small"), "large",
				"large-" + servedModel, servedModel, List.of(), 10, 5, totalCost / 2, false);
		return ChatResponse.builder()
			.from(plain(text))
			.metadata(RoutingReceipt.METADATA_KEY, receipt)
			.metadata(CascadeReceipt.METADATA_KEY, cascade)
			.build();
	}

}
