package dev.orchestration.sample;

import java.util.List;

import dev.orchestration.cache.CacheHit;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /chat/tools}: the same request as {@code POST /chat}, with the
 * {@link OrderTools} offered to the model through Spring AI's {@code .tools(..)}. The
 * model asks for a tool call, the tool runs in this JVM, and the model answers with its
 * result; the answer lists the tool calls made.
 */
@RestController
class ToolController {

	/**
	 * The task of requests without their own: routed to the mid tier, whose models call
	 * the tool (sample.simulator.models.sim-mini.tool-call).
	 */
	static final String TASK = "orders";

	private final RoutingChatClient chatClient;

	private final ChatController validation;

	ToolController(RoutingChatClient chatClient, ChatController validation) {
		this.chatClient = chatClient;
		this.validation = validation;
	}

	@PostMapping("/chat/tools")
	ToolAnswer chat(@RequestBody ChatController.ChatRequest request) {
		this.validation.check(request);
		OrderTools tools = new OrderTools();
		ChatResponse response = this.chatClient.prompt()
			.user(request.message())
			.options(RoutingChatOptions.builder()
				.task((request.task() != null) ? request.task() : TASK)
				.tenant(request.tenant())
				.tier(request.tier()))
			.tools(tools)
			.call()
			.chatResponse();
		String answer = (response != null && response.getResult() != null) ? response.getResult().getOutput().getText()
				: null;
		return new ToolAnswer(answer, tools.invocations(), RoutingReceipt.from(response).orElse(null),
				CacheHit.from(response).orElse(null));
	}

	/**
	 * The answer, the tool calls made for it (none when it came from the cache), its
	 * receipt (the last model turn's) and whether it came from the cache.
	 */
	record ToolAnswer(@Nullable String answer, List<OrderTools.ToolInvocation> toolCalls,
			@Nullable RoutingReceipt receipt, @Nullable CacheHit cache) {
	}

}
