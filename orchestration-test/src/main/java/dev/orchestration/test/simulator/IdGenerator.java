package dev.orchestration.test.simulator;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out unique response, message and tool-call ids.
 */
final class IdGenerator {

	private final AtomicLong next = new AtomicLong(1);

	String next(String prefix) {
		return prefix + String.format("%012d", this.next.getAndIncrement());
	}

}
