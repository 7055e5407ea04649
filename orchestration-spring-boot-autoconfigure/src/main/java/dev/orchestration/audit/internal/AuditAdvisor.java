package dev.orchestration.audit.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.orchestration.cache.CacheHit;
import dev.orchestration.cache.internal.ExactCacheAdvisor;
import dev.orchestration.routing.RoutingClientAdvisor;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;

/**
 * The place where a client request ends, whatever the outcome: outside the caches (so
 * cache hits are seen), the cascade and the tool loop. On the call path it collects the
 * routing decisions made on the request's thread and writes one record when the chain
 * returns or throws. On the stream path it records cache hits; routed streams are
 * recorded from their routing decision by {@link AuditDecisionListener} (the decision
 * carries the whole receipt).
 */
public class AuditAdvisor implements CallAdvisor, StreamAdvisor, RoutingClientAdvisor {

	/** Outside the exact cache (HIGHEST + 100) and everything inside it. */
	public static final int ORDER = ExactCacheAdvisor.ORDER - 50;

	private final AuditRecorder recorder;

	private final Clock clock;

	public AuditAdvisor(AuditRecorder recorder, Clock clock) {
		this.recorder = recorder;
		this.clock = clock;
	}

	@Override
	public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
		Instant timestamp = this.clock.instant();
		TraceIds trace = TraceIds.current();
		AuditScope scope = AuditScope.open();
		ChatClientResponse response;
		try {
			response = chain.nextCall(request);
		}
		catch (RuntimeException | Error ex) {
			scope.close();
			this.recorder.client(timestamp, trace, request.prompt(), null, ex, scope.decisions());
			throw ex;
		}
		scope.close();
		this.recorder.client(timestamp, trace, request.prompt(), response.chatResponse(), null, scope.decisions());
		return response;
	}

	@Override
	public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
		Instant timestamp = this.clock.instant();
		TraceIds trace = TraceIds.current();
		AtomicBoolean recorded = new AtomicBoolean();
		return chain.nextStream(request).doOnNext((response) -> {
			if (response.chatResponse() != null && CacheHit.from(response.chatResponse()).isPresent()
					&& recorded.compareAndSet(false, true)) {
				this.recorder.client(timestamp, trace, request.prompt(), response.chatResponse(), null, List.of());
			}
		});
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public String getName() {
		return "AuditAdvisor";
	}

}
