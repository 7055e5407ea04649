package dev.orchestration.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.RecordedRequest;
import dev.orchestration.test.simulator.SimulatedError;
import dev.orchestration.test.simulator.SimulatedModel;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Offline mode (the default): an in-process provider simulator that speaks the OpenAI and
 * Anthropic APIs, and the real Spring AI clients pointed at it over loopback HTTP.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "sample.mode", havingValue = "offline", matchIfMissing = true)
class OfflineProvidersConfiguration {

	private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);

	@Bean(destroyMethod = "close")
	ProviderSimulator providerSimulator(SimulatorProperties properties) {
		ProviderSimulator simulator = ProviderSimulator.start().requestLogCapacity(properties.getRequestLogCapacity());
		properties.getModels().forEach((name, settings) -> configure(name, simulator.model(name), settings));
		return simulator;
	}

	@Bean
	ChatModel openAiChatModel(ProviderSimulator simulator) {
		return OpenAiChatModel.builder()
			.options(OpenAiChatOptions.builder()
				.baseUrl(simulator.baseUrl() + "/v1")
				.apiKey("offline")
				.model("sim-nano")
				.timeout(CLIENT_TIMEOUT)
				.maxRetries(0)
				.streamUsage(true)
				.build())
			.build();
	}

	@Bean
	ChatModel anthropicChatModel(ProviderSimulator simulator) {
		return AnthropicChatModel.builder()
			.options(AnthropicChatOptions.builder()
				.baseUrl(simulator.baseUrl())
				.apiKey("offline")
				.model("sim-haiku")
				.maxTokens(1024)
				.timeout(CLIENT_TIMEOUT)
				.maxRetries(0)
				.build())
			.build();
	}

	static void configure(String name, SimulatedModel model, SimulatorProperties.SimulatedModelProperties settings) {
		if (settings.getSeed() != null) {
			// first: reseeding replaces the random sources of error-rate and latency
			model.seed(settings.getSeed());
		}
		model.latency(settings.getMinLatency(), settings.getMaxLatency());
		model.chunkDelay(settings.getChunkDelay());
		SimulatedError error = error(name, settings);
		if (settings.getFailNext() > 0) {
			model.failNext(settings.getFailNext(), error);
		}
		if (settings.getErrorRate() > 0) {
			model.errorRate(settings.getErrorRate(), error);
		}
		else if (settings.getErrorShape() != null && settings.getFailNext() == 0) {
			// a shape without a rate: every call
			model.errorRate(1.0, error);
		}
		if (settings.isHang()) {
			model.hang();
		}
		if (settings.getCutStreamAfter() != null) {
			model.cutStreamAfter(settings.getCutStreamAfter());
		}
		if (settings.getContextWindow() > 0) {
			model.contextWindow(settings.getContextWindow());
		}
		if (settings.isHonourMaxTokens()) {
			model.honourMaxTokens();
		}
		SimulatorProperties.ToolCall toolCall = settings.getToolCall();
		if (toolCall != null && toolCall.getName() != null) {
			model.toolCall(toolCall.getName(), toolCall.getArguments());
		}
		List<ScriptedReply> replies = replies(name, settings);
		String template = settings.getAnswer();
		String toolAnswer = settings.getToolAnswer();
		if (template != null || toolAnswer != null || !replies.isEmpty()) {
			model.answers((request) -> answer(request, template, toolAnswer, replies));
		}
	}

	private static String answer(RecordedRequest request, @Nullable String template, @Nullable String toolAnswer,
			List<ScriptedReply> replies) {
		String toolResult = request.lastToolResult();
		if (toolResult != null && toolAnswer != null) {
			return toolAnswer.replace("{tool-result}", toolResult);
		}
		String message = request.lastUserMessage();
		for (ScriptedReply reply : replies) {
			String answer = reply.answer(message);
			if (answer != null) {
				return answer;
			}
		}
		return (template != null) ? template.replace("{prompt}", excerpt(message))
				: SimulatedModel.defaultAnswer(request);
	}

	private static SimulatedError error(String name, SimulatorProperties.SimulatedModelProperties settings) {
		SimulatedError error;
		if (settings.getErrorShape() != null) {
			error = shape(name, settings.getErrorShape());
		}
		else if (settings.getErrorStatus() == 429) {
			error = SimulatedError.rateLimited(settings.getRetryAfter());
		}
		else {
			error = SimulatedError.status(settings.getErrorStatus());
		}
		if (settings.getRetryAfter() != null) {
			error = error.withRetryAfter(settings.getRetryAfter());
		}
		if (settings.getErrorInStreamAfter() != null) {
			error = error.inStream(settings.getErrorInStreamAfter());
		}
		return error;
	}

	private static List<ScriptedReply> replies(String name, SimulatorProperties.SimulatedModelProperties settings) {
		List<ScriptedReply> replies = new ArrayList<>();
		for (int i = 0; i < settings.getReplies().size(); i++) {
			SimulatorProperties.Reply reply = settings.getReplies().get(i);
			String property = "sample.simulator.models." + name + ".replies[" + i + "]";
			if (reply.getWhen() == null || reply.getAnswer() == null) {
				throw new IllegalStateException(property + ": both 'when' and 'answer' must be set");
			}
			try {
				replies.add(new ScriptedReply(Pattern.compile(reply.getWhen()), reply.getAnswer()));
			}
			catch (PatternSyntaxException ex) {
				throw new IllegalStateException(property + ".when is not a regular expression: " + ex.getMessage(), ex);
			}
		}
		return replies;
	}

	/** A reply whose answer may use the groups of its expression. */
	private record ScriptedReply(Pattern when, String answer) {

		@Nullable String answer(String message) {
			Matcher matcher = this.when.matcher(message);
			if (!matcher.find()) {
				return null;
			}
			String out = this.answer;
			for (int group = Math.min(9, matcher.groupCount()); group >= 1; group--) {
				String value = matcher.group(group);
				out = out.replace("$" + group, (value != null) ? value : "");
			}
			return out;
		}

	}

	private static SimulatedError shape(String model, String shape) {
		try {
			return SimulatedError.shape(shape);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("sample.simulator.models." + model + ".error-shape: " + ex.getMessage(),
					ex);
		}
	}

	private static String excerpt(String text) {
		return (text.length() > 60) ? text.substring(0, 60) + "..." : text;
	}

}
