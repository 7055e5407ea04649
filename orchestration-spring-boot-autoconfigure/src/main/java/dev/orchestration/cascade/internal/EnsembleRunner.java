package dev.orchestration.cascade.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.beans.factory.DisposableBean;

/**
 * What parallel ensembles run on: a pool of daemon threads for the members' calls and the
 * estimator of their cost. Calls made on its threads do not carry the caller's
 * thread-local context (tracing, security).
 */
public class EnsembleRunner implements DisposableBean {

	private final ExecutorService executor = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "llm-ensemble");
		thread.setDaemon(true);
		return thread;
	});

	private final CallCostEstimator estimator;

	public EnsembleRunner(CallCostEstimator estimator) {
		this.estimator = estimator;
	}

	ExecutorService executor() {
		return this.executor;
	}

	CallCostEstimator estimator() {
		return this.estimator;
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
