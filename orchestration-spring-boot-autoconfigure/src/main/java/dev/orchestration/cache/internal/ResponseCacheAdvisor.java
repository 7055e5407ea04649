package dev.orchestration.cache.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import dev.orchestration.cache.CacheControl;
import dev.orchestration.cache.CacheEntry;
import dev.orchestration.cache.CacheHit;
import dev.orchestration.cache.CacheKeyStrategy;
import dev.orchestration.cache.CachePolicy;
import dev.orchestration.cache.Cacheability;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingClientAdvisor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.model.ChatResponse;

/**
 * The flow shared by the cache layers: work out the scope, answer from the cache when
 * allowed, otherwise call on and store the answer if it may be stored. On the stream
 * path, lookups run off the caller's thread and a streamed miss is stored only once the
 * stream completed.
 */
abstract class ResponseCacheAdvisor implements CallAdvisor, StreamAdvisor, RoutingClientAdvisor {

	private final CacheKeyStrategy keys;

	private final CachePolicy policy;

	protected final CacheMetrics metrics;

	protected final Clock clock;

	private final int order;

	protected ResponseCacheAdvisor(CacheKeyStrategy keys, CachePolicy policy, CacheMetrics metrics, Clock clock,
			int order) {
		this.keys = keys;
		this.policy = policy;
		this.metrics = metrics;
		this.clock = clock;
		this.order = order;
	}

	/** {@code exact} or {@code semantic}. */
	protected abstract String layer();

	/** The cached response for the lookup, if a fresh one exists. */
	protected abstract Optional<ChatResponse> read(PendingLookup lookup);

	/** Stores an answer that may be stored. */
	protected abstract void write(PendingLookup lookup, CacheEntry entry);

	@Override
	public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
		PendingLookup lookup = prepare(request);
		if (lookup == null) {
			return chain.nextCall(request);
		}
		Optional<ChatResponse> hit = lookup(lookup);
		if (hit.isPresent()) {
			return ChatClientResponse.builder().chatResponse(hit.get()).context(request.context()).build();
		}
		ChatClientResponse response = chain.nextCall(request);
		store(lookup, response.chatResponse(), false);
		return missed(lookup, response);
	}

	/**
	 * The response of a miss as the caller gets it (after it was stored); a layer may add
	 * what its lookup cost.
	 */
	protected ChatClientResponse missed(PendingLookup lookup, ChatClientResponse response) {
		return response;
	}

	@Override
	public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
		PendingLookup lookup = prepare(request);
		if (lookup == null) {
			return chain.nextStream(request);
		}
		return Mono.fromCallable(() -> lookup(lookup)).subscribeOn(Schedulers.boundedElastic()).flatMapMany((hit) -> {
			if (hit.isPresent()) {
				return Flux
					.just(ChatClientResponse.builder().chatResponse(hit.get()).context(request.context()).build());
			}
			StreamedAnswer answer = new StreamedAnswer();
			return chain.nextStream(request)
				.doOnNext(answer::add)
				.doOnComplete(() -> store(lookup, answer.response(), answer.hadToolCalls()));
		});
	}

	private @Nullable PendingLookup prepare(ChatClientRequest request) {
		String question = CacheEntries.question(request);
		if (question == null || question.isBlank()) {
			return null;
		}
		Duration ttl = this.policy.ttl(request);
		if (ttl.isZero() || ttl.isNegative()) {
			return null;
		}
		return new PendingLookup(this.keys.scope(request), question, ttl, CacheControl.of(request.context()));
	}

	private Optional<ChatResponse> lookup(PendingLookup lookup) {
		if (lookup.control.skipRead()) {
			return Optional.empty();
		}
		Optional<ChatResponse> hit = read(lookup);
		this.metrics.lookup(layer(), hit.isPresent());
		return hit;
	}

	private void store(PendingLookup lookup, @Nullable ChatResponse response, boolean hadToolCalls) {
		if (lookup.control.skipWrite()) {
			return;
		}
		String rejection = hadToolCalls ? "tool-call" : Cacheability.rejection(response);
		if (rejection != null || response == null) {
			this.metrics.rejectedWrite(layer(), (rejection != null) ? rejection : "no-answer");
			return;
		}
		Duration ttl = this.policy.ttl(lookup.ttl,
				RoutingReceipt.from(response).map(RoutingReceipt::task).orElse(null));
		if (ttl.isZero() || ttl.isNegative()) {
			this.metrics.rejectedWrite(layer(), "ttl-by-task");
			return;
		}
		write(lookup.withTtl(ttl), CacheEntries.entry(lookup.question, response, this.clock.instant()));
	}

	/** Whether an entry is young enough for the request's max-age control. */
	protected boolean fresh(PendingLookup lookup, CacheEntry entry) {
		Duration maxAge = lookup.control.maxAge();
		return maxAge == null || CacheEntries.age(entry, this.clock.instant()).compareTo(maxAge) <= 0;
	}

	protected ChatResponse hit(CacheEntry entry, @Nullable Double similarity) {
		return CacheEntries.response(entry,
				new CacheHit(layer(), CacheEntries.age(entry, this.clock.instant()), similarity));
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	@Override
	public String getName() {
		return getClass().getSimpleName();
	}

}
