package dev.orchestration.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;

/**
 * The sample's tool: order status from a tiny in-memory order book. One instance per
 * request, so it can report which calls the model made.
 */
class OrderTools {

	private static final Map<String, String> ORDERS = Map.of("A-1001",
			"A-1001 shipped on 2026-11-30, arriving 2026-12-03", "A-1002", "A-1002 is being packed");

	private final List<ToolInvocation> invocations = new ArrayList<>();

	@Tool(description = "The status of a customer's order, by order id such as A-1001")
	String orderStatus(@ToolParam(description = "the order id, e.g. A-1001") String orderId) {
		String result = ORDERS.getOrDefault(orderId, "no order " + orderId);
		synchronized (this.invocations) {
			this.invocations.add(new ToolInvocation("orderStatus", Map.of("orderId", orderId), result));
		}
		return result;
	}

	List<ToolInvocation> invocations() {
		synchronized (this.invocations) {
			return List.copyOf(this.invocations);
		}
	}

	/** One call of a tool: its name, arguments and result. */
	record ToolInvocation(String tool, Map<String, String> arguments, String result) {
	}

}
