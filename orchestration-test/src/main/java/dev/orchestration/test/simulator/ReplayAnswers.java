package dev.orchestration.test.simulator;

import org.jspecify.annotations.Nullable;

/**
 * Looks up the recorded RouterBench answer of one model for a request and derives
 * cost-consistent usage.
 */
final class ReplayAnswers {

	private final RouterBenchDataset data;

	private final String recordedModel;

	private final double inputPerMillion;

	private final double outputPerMillion;

	ReplayAnswers(RouterBenchDataset data, String recordedModel, double inputPerMillion, double outputPerMillion) {
		if (!data.models().contains(recordedModel)) {
			throw new IllegalArgumentException(
					"model '" + recordedModel + "' not in " + data.source() + "; models: " + data.models());
		}
		this.data = data;
		this.recordedModel = recordedModel;
		this.inputPerMillion = inputPerMillion;
		this.outputPerMillion = outputPerMillion;
	}

	String recordedModel() {
		return this.recordedModel;
	}

	@Nullable Answer answer(RecordedRequest request, int promptTokens) {
		RouterBenchRow row = this.data.find(request.lastUserMessage(), this.recordedModel).orElse(null);
		if (row == null) {
			return null;
		}
		RouterBenchRow.Outcome outcome = row.outcome(this.recordedModel);
		String text = outcome == null ? "" : outcome.response();
		return new Answer(text,
				completionTokens(promptTokens, outcome == null ? Double.NaN : outcome.totalCost(), text), row);
	}

	int completionTokens(int promptTokens, double cost, String text) {
		if (Double.isNaN(this.outputPerMillion) || Double.isNaN(cost)) {
			return Math.max(1, TokenEstimator.estimate(text));
		}
		double remaining = cost - promptTokens * this.inputPerMillion / 1e6;
		return (int) Math.max(1, Math.round(remaining * 1e6 / this.outputPerMillion));
	}

	record Answer(String text, int completionTokens, RouterBenchRow row) {
	}

}
