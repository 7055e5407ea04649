package dev.orchestration.resilience.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.resilience4j.circuitbreaker.event.CircuitBreakerEvent;
import io.github.resilience4j.consumer.CircularEventConsumer;
import io.github.resilience4j.consumer.EventConsumerRegistry;

/**
 * The event buffers of Resilience4j's {@code circuitbreakerevents} endpoint, keeping
 * every event of the application's own breakers and every event but successes of the
 * members' breakers. Resilience4j's Spring Boot support subscribes such a buffer to every
 * breaker of the shared registry, and each buffer takes a lock per event: for a member
 * breaker that is a lock per routed request, which every caller thread contends for. The
 * members' successes are counted by the {@code llm.*} meters instead; their failures,
 * rejections and state transitions stay in the buffer.
 */
public class MemberBreakerEventConsumers implements EventConsumerRegistry<CircuitBreakerEvent> {

	private final ConcurrentMap<String, CircularEventConsumer<CircuitBreakerEvent>> consumers = new ConcurrentHashMap<>();

	private final Set<String> members = ConcurrentHashMap.newKeySet();

	/**
	 * Marks a breaker about to be created as a member's (before it reaches the registry,
	 * which asks for its buffer as it adds it).
	 */
	public void member(String id) {
		this.members.add(id);
	}

	@Override
	public CircularEventConsumer<CircuitBreakerEvent> createEventConsumer(String id, int bufferSize) {
		CircularEventConsumer<CircuitBreakerEvent> consumer = this.members.contains(id)
				? new ExceptSuccesses(bufferSize) : new CircularEventConsumer<>(bufferSize);
		this.consumers.put(id, consumer);
		return consumer;
	}

	@Override
	public CircularEventConsumer<CircuitBreakerEvent> removeEventConsumer(String id) {
		return this.consumers.remove(id);
	}

	@Override
	public CircularEventConsumer<CircuitBreakerEvent> getEventConsumer(String id) {
		return this.consumers.get(id);
	}

	@Override
	public List<CircularEventConsumer<CircuitBreakerEvent>> getAllEventConsumer() {
		return new ArrayList<>(this.consumers.values());
	}

	/** A buffer that passes over successful calls. */
	static final class ExceptSuccesses extends CircularEventConsumer<CircuitBreakerEvent> {

		ExceptSuccesses(int capacity) {
			super(capacity);
		}

		@Override
		public void consumeEvent(CircuitBreakerEvent event) {
			if (event.getEventType() != CircuitBreakerEvent.Type.SUCCESS) {
				super.consumeEvent(event);
			}
		}

	}

}
