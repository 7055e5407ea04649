package dev.orchestration.shadow.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.orchestration.cache.CacheHit;
import dev.orchestration.cascade.CascadeReceipt;
import dev.orchestration.cascade.internal.CascadeAdvisor;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingClientAdvisor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

/**
 * Shadows a share of the requests of the {@code RoutingChatClient} to a candidate routing
 * policy. It sits inside the caches (a cache hit is never shadowed) and the task
 * inference (the candidate sees the inferred task, as the live router does), and outside
 * the cascade (it sees the final answer). The live response is returned as it came: the
 * shadow call is only queued after it is complete, and nothing on the shadow path can
 * throw into the caller. Streams are shadowed after they complete normally; requests with
 * tools are not shadowed (the candidate would run them a second time).
 */
public class ShadowTrafficAdvisor implements CallAdvisor, StreamAdvisor, RoutingClientAdvisor {

	/**
	 * Inside the caches (HIGHEST + 100/110) and task inference (HIGHEST + 120), outside
	 * the cascade (+ 150).
	 */
	public static final int ORDER = CascadeAdvisor.ORDER - 1;

	private static final Log logger = LogFactory.getLog(ShadowTrafficAdvisor.class);

	private final ShadowTraffic traffic;

	public ShadowTrafficAdvisor(ShadowTraffic traffic) {
		this.traffic = traffic;
	}

	@Override
	public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
		long start = System.nanoTime();
		ChatClientResponse response = chain.nextCall(request);
		long latency = (System.nanoTime() - start) / 1_000_000;
		try {
			ChatResponse answer = response.chatResponse();
			offer(request.prompt(), answer, ShadowTraffic.text(answer), answer != null && answer.hasToolCalls(),
					latency, false);
		}
		catch (Throwable ex) {
			logger.debug("Shadow traffic failed to queue a request", ex);
		}
		return response;
	}

	@Override
	public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
		return Flux.defer(() -> {
			long start = System.nanoTime();
			StringBuilder text = new StringBuilder();
			AtomicReference<@Nullable ChatResponse> last = new AtomicReference<>();
			AtomicBoolean toolCalls = new AtomicBoolean();
			return chain.nextStream(request).doOnNext((chunk) -> {
				try {
					ChatResponse response = chunk.chatResponse();
					if (response != null) {
						toolCalls.compareAndSet(false, response.hasToolCalls());
						String piece = ShadowTraffic.text(response);
						synchronized (text) {
							text.append(piece);
						}
						if (RoutingReceipt.from(response).isPresent() || CacheHit.from(response).isPresent()) {
							last.set(response);
						}
					}
				}
				catch (Throwable ex) {
					logger.debug("Shadow traffic failed to read a chunk", ex);
				}
			}).doOnComplete(() -> {
				try {
					String answer;
					synchronized (text) {
						answer = text.toString();
					}
					offer(request.prompt(), last.get(), answer, toolCalls.get(),
							(System.nanoTime() - start) / 1_000_000, true);
				}
				catch (Throwable ex) {
					logger.debug("Shadow traffic failed to queue a stream", ex);
				}
			});
		});
	}

	private void offer(Prompt prompt, @Nullable ChatResponse response, String text, boolean toolCalls, long latency,
			boolean streamed) {
		if (response != null && CacheHit.from(response).isPresent()) {
			return;
		}
		if (!this.traffic.sample()) {
			return;
		}
		if (toolCalls || text.isBlank() || usesTools(prompt.getOptions())) {
			this.traffic.skipped();
			return;
		}
		RoutingReceipt receipt = RoutingReceipt.from(response).orElse(null);
		double cost = CascadeReceipt.from(response)
			.map(CascadeReceipt::cost)
			.orElse((receipt != null) ? receipt.cost() : 0.0);
		this.traffic.submit(prompt,
				new LiveAnswer(text, (receipt != null) ? receipt.tier() : null, cost, latency, streamed));
	}

	private static boolean usesTools(@Nullable ChatOptions options) {
		return options instanceof ToolCallingChatOptions tools && tools.getToolCallbacks() != null
				&& !tools.getToolCallbacks().isEmpty();
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public String getName() {
		return "ShadowTrafficAdvisor";
	}

}
