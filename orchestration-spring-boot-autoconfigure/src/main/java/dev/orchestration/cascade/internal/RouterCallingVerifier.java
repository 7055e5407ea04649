package dev.orchestration.cascade.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.orchestration.cascade.ResponseVerifier;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.DisposableBean;

/**
 * A verifier that asks the router (the judge, the voters): the router, and daemon threads
 * named after the verifier that run its calls (so a call can be abandoned at its time
 * limit), shut down with the context.
 */
public abstract class RouterCallingVerifier implements ResponseVerifier, DisposableBean {

	protected final ChatModel router;

	protected final ExecutorService executor;

	protected RouterCallingVerifier(ChatModel router, String threadName) {
		this.router = router;
		this.executor = Executors.newCachedThreadPool((runnable) -> {
			Thread thread = new Thread(runnable, threadName);
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public boolean callsModel() {
		return true;
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
