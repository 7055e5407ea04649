package dev.orchestration.bench.replay;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import dev.orchestration.classify.internal.TaskInferenceAdvisor;
import dev.orchestration.receipt.TaskSignal;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.RoutingClientAdvisor;
import dev.orchestration.test.simulator.RouterBenchRow;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.ChatOptions;

/**
 * BENCH ONLY: records, per prompt text, the task the request carries right after the
 * starter's {@link TaskInferenceAdvisor} ran (order {@value #ORDER_OFFSET} after the
 * highest precedence, between task inference and the cascade), with its source
 * ({@code hint} when the caller sent it, else the classifier layer) and confidence. It
 * changes nothing; the bench compares the recorded task with each row's {@code eval_name}
 * to report the classifier's accuracy as the router actually used it.
 */
public final class InferredTasks implements CallAdvisor, RoutingClientAdvisor {

	static final int ORDER_OFFSET = 130;

	/**
	 * The value recorded for a request the classifier was not confident about (no task:
	 * default tier).
	 */
	public static final String NONE = "(none)";

	private final Map<String, Inference> byPrompt = new ConcurrentHashMap<>();

	/** One recorded task. */
	public record Inference(String task, String source, @Nullable String confidence) {
	}

	@Override
	public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
		UserMessage user = request.prompt().getUserMessage();
		String text = (user.getText() != null) ? user.getText() : "";
		ChatOptions options = request.prompt().getOptions();
		Inference inference = new Inference(NONE, "none", null);
		TaskSignal task = (options instanceof RoutingChatOptions routing) ? routing.getEffectiveTask() : null;
		if (task != null) {
			inference = new Inference(task.task(), task.source().id(),
					task.source().inferred() ? String.format(Locale.ROOT, "%.3f", task.confidence()) : null);
		}
		this.byPrompt.put(text, inference);
		return chain.nextCall(request);
	}

	/** The task recorded for a prompt, if the prompt was asked. */
	public Optional<Inference> forPrompt(String prompt) {
		return Optional.ofNullable(this.byPrompt.get(prompt));
	}

	/** Forgets every recorded prompt. */
	public void clear() {
		this.byPrompt.clear();
	}

	/**
	 * Compares the recorded tasks of the rows with their {@code eval_name}.
	 * @param rows the rows that were asked
	 * @return the confusion counts
	 */
	public Accuracy accuracy(List<RouterBenchRow> rows) {
		Map<String, Map<String, Integer>> confusion = new TreeMap<>();
		int correct = 0;
		int unlabelled = 0;
		int missing = 0;
		Map<String, Integer> sources = new TreeMap<>();
		for (RouterBenchRow row : rows) {
			Inference inference = this.byPrompt.get(row.prompt());
			sources.merge((inference != null) ? inference.source() : "(not asked)", 1, Integer::sum);
			String inferred = (inference != null) ? inference.task() : "(not asked)";
			if (inference == null) {
				missing++;
			}
			else if (NONE.equals(inferred)) {
				unlabelled++;
			}
			if (row.evalName().equals(inferred)) {
				correct++;
			}
			confusion.computeIfAbsent(row.evalName(), (k) -> new LinkedHashMap<>()).merge(inferred, 1, Integer::sum);
		}
		return new Accuracy(rows.size(), correct, unlabelled, missing, sources, confusion);
	}

	@Override
	public String getName() {
		return "BenchInferredTasks";
	}

	@Override
	public int getOrder() {
		return org.springframework.core.Ordered.HIGHEST_PRECEDENCE + ORDER_OFFSET;
	}

	/**
	 * Classifier accuracy: inferred task against the row's eval_name.
	 *
	 * @param prompts rows compared
	 * @param correct rows whose inferred task equals eval_name
	 * @param unlabelled rows the classifier left without a task (not confident: the
	 * default tier served them)
	 * @param missing rows never seen by the recorder (should be 0)
	 * @param sources rows by the source of their task ({@code embedding}, {@code hint},
	 * {@code none})
	 * @param confusion eval_name to (inferred task to count)
	 */
	public record Accuracy(int prompts, int correct, int unlabelled, int missing, Map<String, Integer> sources,
			Map<String, Map<String, Integer>> confusion) {

		/** correct / prompts. */
		public double accuracy() {
			return this.correct / (double) Math.max(1, this.prompts);
		}

		/** One line: accuracy, counts and the confusion by eval_name. */
		public String describe() {
			return String.format(java.util.Locale.ROOT,
					"classifier_accuracy=%.4f (%d of %d prompts labelled with their eval_name; %d left unlabelled"
							+ " -> default tier; %d wrong class; task source %s) confusion (eval_name -> inferred): %s",
					accuracy(), this.correct, this.prompts, this.unlabelled,
					this.prompts - this.correct - this.unlabelled - this.missing, this.sources, this.confusion);
		}

	}

}
