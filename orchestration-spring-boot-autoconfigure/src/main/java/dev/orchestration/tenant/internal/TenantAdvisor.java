package dev.orchestration.tenant.internal;

import java.util.Objects;

import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.RoutingClientAdvisor;
import dev.orchestration.routing.internal.PromptOptions;
import dev.orchestration.tenant.TenantResolver;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.core.Ordered;

/**
 * Replaces the tenant of each request with what the {@link TenantResolver} decides,
 * before every other advisor (the caches scope entries by tenant), on the caller's thread
 * (also for streams, so a thread-bound security context is seen).
 */
public class TenantAdvisor implements CallAdvisor, StreamAdvisor, RoutingClientAdvisor {

	/** Before the caches (HIGHEST + 100). */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 50;

	private final TenantResolver resolver;

	public TenantAdvisor(TenantResolver resolver) {
		this.resolver = resolver;
	}

	/** The default resolver keeps the options' tenant: nothing to do. */
	@Override
	public boolean isPassThrough() {
		return this.resolver == TenantResolver.requested();
	}

	@Override
	public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
		return chain.nextCall(resolve(request));
	}

	@Override
	public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
		ChatClientRequest resolved = resolve(request);
		return chain.nextStream(resolved);
	}

	ChatClientRequest resolve(ChatClientRequest request) {
		ChatOptions options = request.prompt().getOptions();
		@Nullable String requested = (options instanceof RoutingChatOptions routing) ? routing.getTenant() : null;
		@Nullable String tenant = this.resolver.resolve(requested);
		if (Objects.equals(tenant, requested)) {
			return request;
		}
		RoutingChatOptions.Builder builder = RoutingChatOptions.builder();
		if (options != null) {
			builder.combineWith(options.mutate());
		}
		RoutingChatOptions resolved = builder.tenant(tenant).build();
		return request.mutate().prompt(PromptOptions.with(request.prompt(), resolved)).build();
	}

	@Override
	public String getName() {
		return "TenantAdvisor";
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
