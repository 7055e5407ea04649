package dev.orchestration.cascade.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.orchestration.cascade.Candidate;
import org.jspecify.annotations.Nullable;

/**
 * Runs the calls of one request in parallel, at most {@code maxConcurrency} at a time, in
 * the order given. Before each call its estimated cost is checked against the bound
 * (spent + estimates in flight + this one); a call that would cross it is not started.
 * Once {@code done} says the outcome is known (or the time is up), calls still running
 * are cancelled and the rest are not started: neither reports usage, so neither is
 * charged. {@code completed} turns a call's template candidate and its value into the
 * candidate with status and cost.
 *
 * @param <T> what a call returns
 */
public final class FanOut<T> {

	/**
	 * One call: its candidate (without outcome yet), its estimated cost and the call
	 * itself.
	 */
	public record Call<T>(Candidate template, double estimate, Supplier<T> call) {
	}

	/**
	 * A call's result: its value when it answered, and its candidate with status and
	 * cost.
	 */
	public record Result<T>(int index, @Nullable T value, Candidate candidate, @Nullable Throwable failure) {
	}

	private final ExecutorService executor;

	private final BiFunction<Candidate, T, Candidate> completed;

	public FanOut(ExecutorService executor, BiFunction<Candidate, T, Candidate> completed) {
		this.executor = executor;
		this.completed = completed;
	}

	/**
	 * Runs the calls.
	 * @param calls the calls, in launch order
	 * @param maxConcurrency the most calls in flight
	 * @param costBound USD the calls may cost together, 0 for no bound
	 * @param timeout how long all calls may take
	 * @param done whether the results so far (in completion order) decide the outcome
	 * @return one result per call, in the order given
	 */
	public List<Result<T>> run(List<Call<T>> calls, int maxConcurrency, double costBound, Duration timeout,
			Predicate<List<Result<T>>> done) {
		ExecutorCompletionService<T> completion = new ExecutorCompletionService<>(this.executor);
		Map<Future<T>, Integer> running = new HashMap<>();
		@SuppressWarnings("unchecked")
		Result<T>[] results = new Result[calls.size()];
		List<Result<T>> inOrder = new ArrayList<>();
		long deadline = System.nanoTime() + timeout.toNanos();
		double spent = 0;
		double inFlight = 0;
		int next = 0;
		boolean stop = false;
		while (!stop && (next < calls.size() || !running.isEmpty())) {
			while (next < calls.size() && running.size() < Math.max(1, maxConcurrency)) {
				Call<T> call = calls.get(next);
				if (costBound > 0 && spent + inFlight + call.estimate() > costBound + 1e-12) {
					results[next] = new Result<>(next, null,
							call.template()
								.with(Candidate.Status.SKIPPED_COST, 0,
										String.format(Locale.ROOT,
												"not called: estimated %.6f USD would cross the bound of %.6f USD",
												call.estimate(), costBound)),
							null);
					next++;
					continue;
				}
				running.put(completion.submit(call.call()::get), next);
				inFlight += call.estimate();
				next++;
			}
			if (running.isEmpty()) {
				break;
			}
			Future<T> finished;
			try {
				finished = completion.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			if (finished == null) {
				break;
			}
			int index = running.remove(finished);
			Call<T> call = calls.get(index);
			inFlight -= call.estimate();
			Result<T> result = result(index, call, finished);
			spent += result.candidate().cost();
			results[index] = result;
			inOrder.add(result);
			stop = done.test(inOrder);
		}
		boolean timedOut = !stop && System.nanoTime() - deadline >= 0;
		for (Map.Entry<Future<T>, Integer> entry : running.entrySet()) {
			entry.getKey().cancel(true);
			results[entry.getValue()] = new Result<>(entry.getValue(), null,
					calls.get(entry.getValue())
						.template()
						.with(Candidate.Status.CANCELLED, 0,
								timedOut ? "cancelled: out of time" : "cancelled: the outcome was known"),
					null);
		}
		for (int i = next; i < calls.size(); i++) {
			results[i] = new Result<>(i, null,
					calls.get(i).template().with(Candidate.Status.CANCELLED, 0, "not started: the outcome was known"),
					null);
		}
		return List.of(results);
	}

	private Result<T> result(int index, Call<T> call, Future<T> finished) {
		try {
			T value = finished.get();
			return new Result<>(index, value, this.completed.apply(call.template(), value), null);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			return new Result<>(index, null,
					call.template().with(Candidate.Status.FAILED, 0, "failed: " + cause.getClass().getSimpleName()),
					cause);
		}
		catch (CancellationException | InterruptedException ex) {
			return new Result<>(index, null, call.template().with(Candidate.Status.CANCELLED, 0, "cancelled"), null);
		}
	}

}
