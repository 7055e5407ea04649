package dev.orchestration.test.simulator;

import java.io.EOFException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.anthropic.models.ErrorType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionResult;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.function.FunctionToolCallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The real Spring AI 2.0.1 OpenAI and Anthropic chat models (official OpenAI / Anthropic
 * Java SDKs on OkHttp) against the simulator over real HTTP, with SDK retries off and a
 * short timeout.
 */
class SpringAiClientCompatibilityTests {

	private static final Duration TIMEOUT = Duration.ofMillis(1500);

	@RegisterExtension
	static final ProviderSimulatorExtension providers = new ProviderSimulatorExtension();

	private final ProviderSimulator sim = providers.simulator();

	private static OpenAiChatModel openAi;

	private static AnthropicChatModel anthropic;

	@BeforeAll
	static void clients(ProviderSimulator sim) {
		openAi = OpenAiChatModel.builder()
			.options(OpenAiChatOptions.builder()
				.baseUrl(sim.baseUrl()) // the SDK posts to {baseUrl}/chat/completions
				.apiKey("test-key")
				.model("gpt-sim")
				.maxRetries(0)
				.timeout(TIMEOUT)
				.build())
			.build();
		anthropic = AnthropicChatModel.builder()
			.options(AnthropicChatOptions.builder()
				.baseUrl(sim.baseUrl()) // the SDK posts to {baseUrl}/v1/messages
				.apiKey("test-key")
				.model("claude-sim")
				.maxTokens(256)
				.maxRetries(0)
				.timeout(TIMEOUT)
				.build())
			.build();
	}

	// ---------------------------------------------------------------- call and stream

	@Test
	void openAiCall() {
		sim.model("gpt-sim").answer("hello from the simulator");
		ChatResponse response = openAi.call(new Prompt("Say hello"));
		assertThat(response.getResult().getOutput().getText()).isEqualTo("hello from the simulator");
		assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo("STOP");
		assertThat(response.getMetadata().getModel()).isEqualTo("gpt-sim");
		assertThat(response.getMetadata().getUsage().getPromptTokens()).isEqualTo(3); // "Say
																						// hello"
																						// =
																						// 9
																						// chars
		assertThat(response.getMetadata().getUsage().getCompletionTokens()).isEqualTo(6); // 24
																							// chars
		RecordedRequest request = sim.requests().get(0);
		assertThat(request.api()).isEqualTo(SimulatedApi.OPENAI);
		assertThat(request.path()).isEqualTo("/chat/completions");
		assertThat(request.header("authorization")).isEqualTo(RecordedRequest.REDACTED);
		assertThat(request.header("x-stainless-retry-count")).isEqualTo("0");
	}

	@Test
	void anthropicCall() {
		sim.model("claude-sim").answer("bonjour from the simulator");
		ChatResponse response = anthropic.call(new Prompt("Say hello"));
		assertThat(response.getResult().getOutput().getText()).isEqualTo("bonjour from the simulator");
		assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo("end_turn");
		assertThat(response.getMetadata().getUsage().getPromptTokens()).isEqualTo(3);
		assertThat(response.getMetadata().getUsage().getCompletionTokens()).isEqualTo(7);
		RecordedRequest request = sim.requests().get(0);
		assertThat(request.api()).isEqualTo(SimulatedApi.ANTHROPIC);
		assertThat(request.path()).isEqualTo("/v1/messages");
		assertThat(request.header("x-api-key")).isEqualTo(RecordedRequest.REDACTED);
		assertThat(request.json().path("max_tokens").asInt()).isEqualTo(256);
	}

	@Test
	void openAiStreamDeliversContentFinishReasonAndUsage() {
		sim.model("gpt-sim").answer("one two three");
		List<ChatResponse> chunks = openAi.stream(new Prompt("count")).collectList().block();
		assertThat(sim.requests().get(0).stream()).isTrue();
		assertThat(sim.requests().get(0).json().path("stream_options").path("include_usage").asBoolean()).isTrue();
		assertThat(text(chunks)).isEqualTo("one two three");
		// the finish chunk carries finishReason STOP; the trailing usage-only chunk has
		// no generation at all
		ChatResponse finish = chunks.get(chunks.size() - 2);
		assertThat(finish.getResult().getMetadata().getFinishReason()).isEqualTo("STOP");
		ChatResponse last = chunks.get(chunks.size() - 1);
		assertThat(last.getResult()).isNull();
		assertThat(last.getMetadata().getUsage().getPromptTokens()).isEqualTo(2);
		assertThat(last.getMetadata().getUsage().getCompletionTokens()).isEqualTo(4);
	}

	@Test
	void anthropicStreamDeliversContentFinishReasonAndUsage() {
		sim.model("claude-sim").answer("one two three");
		List<ChatResponse> chunks = anthropic.stream(new Prompt("count")).collectList().block();
		assertThat(text(chunks)).isEqualTo("one two three");
		ChatResponse last = chunks.get(chunks.size() - 1);
		assertThat(last.getResult().getMetadata().getFinishReason()).isEqualTo("end_turn");
		assertThat(last.getMetadata().getUsage().getPromptTokens()).isEqualTo(2);
		assertThat(last.getMetadata().getUsage().getCompletionTokens()).isEqualTo(4);
		assertThat(chunks.subList(0, chunks.size() - 1))
			.allSatisfy(c -> assertThat(c.getResult().getMetadata().getFinishReason()).isNull());
	}

	// ---------------------------------------------------------------- HTTP errors

	@Test
	void openAiServerErrorSurfacesAsInternalServerException() {
		sim.model("gpt-sim").failWith(SimulatedError.serverError());
		Throwable call = catchThrowable(() -> openAi.call(new Prompt("x")));
		assertThat(call).isExactlyInstanceOf(com.openai.errors.InternalServerException.class);
		assertThat(((com.openai.errors.OpenAIServiceException) call).statusCode()).isEqualTo(500);
		assertThat(sim.model("gpt-sim").callCount()).as("retries are off").isEqualTo(1);

		Throwable stream = catchThrowable(() -> openAi.stream(new Prompt("x")).blockLast());
		// the async OpenAI client wraps it in a CompletionException
		assertThat(stream).isExactlyInstanceOf(CompletionException.class)
			.hasCauseExactlyInstanceOf(com.openai.errors.InternalServerException.class);
		assertThat(sim.model("gpt-sim").callCount()).isEqualTo(2);

		sim.model("gpt-sim").failWith(SimulatedError.overloaded());
		Throwable overloaded = catchThrowable(() -> openAi.call(new Prompt("x")));
		assertThat(overloaded).isExactlyInstanceOf(com.openai.errors.InternalServerException.class);
		assertThat(((com.openai.errors.OpenAIServiceException) overloaded).statusCode()).isEqualTo(503);
	}

	@Test
	void anthropicServerErrorSurfacesAsInternalServerException() {
		sim.model("claude-sim").failWith(SimulatedError.serverError());
		Throwable call = catchThrowable(() -> anthropic.call(new Prompt("x")));
		assertThat(call).isExactlyInstanceOf(com.anthropic.errors.InternalServerException.class);
		assertThat(((com.anthropic.errors.AnthropicServiceException) call).statusCode()).isEqualTo(500);
		assertThat(sim.model("claude-sim").callCount()).as("retries are off").isEqualTo(1);

		Throwable stream = catchThrowable(() -> anthropic.stream(new Prompt("x")).blockLast());
		assertThat(stream).isExactlyInstanceOf(com.anthropic.errors.InternalServerException.class);

		sim.model("claude-sim").failWith(SimulatedError.overloaded());
		Throwable overloaded = catchThrowable(() -> anthropic.call(new Prompt("x")));
		assertThat(overloaded).isExactlyInstanceOf(com.anthropic.errors.InternalServerException.class);
		assertThat(((com.anthropic.errors.AnthropicServiceException) overloaded).statusCode()).isEqualTo(529);
		assertThat(((com.anthropic.errors.AnthropicServiceException) overloaded).errorType())
			.hasValue(ErrorType.OVERLOADED_ERROR);
	}

	@Test
	void openAiRateLimitExposesStatusCodeAndRetryAfter() {
		sim.model("gpt-sim").failWith(SimulatedError.rateLimited(Duration.ofSeconds(7)));
		Throwable call = catchThrowable(() -> openAi.call(new Prompt("x")));
		assertThat(call).isExactlyInstanceOf(com.openai.errors.RateLimitException.class);
		com.openai.errors.RateLimitException e = (com.openai.errors.RateLimitException) call;
		assertThat(e.statusCode()).isEqualTo(429);
		assertThat(e.code()).hasValue("rate_limit_exceeded");
		assertThat(e.headers().values("retry-after")).containsExactly("7");
		assertThat(e.headers().values("Retry-After")).as("header names are case-insensitive").containsExactly("7");

		Throwable stream = catchThrowable(() -> openAi.stream(new Prompt("x")).blockLast());
		assertThat(stream).isInstanceOf(CompletionException.class)
			.hasCauseExactlyInstanceOf(com.openai.errors.RateLimitException.class);
	}

	@Test
	void anthropicRateLimitExposesStatusCodeAndRetryAfter() {
		sim.model("claude-sim").failWith(SimulatedError.rateLimited(Duration.ofSeconds(7)));
		Throwable call = catchThrowable(() -> anthropic.call(new Prompt("x")));
		assertThat(call).isExactlyInstanceOf(com.anthropic.errors.RateLimitException.class);
		com.anthropic.errors.RateLimitException e = (com.anthropic.errors.RateLimitException) call;
		assertThat(e.statusCode()).isEqualTo(429);
		assertThat(e.errorType()).hasValue(ErrorType.RATE_LIMIT_ERROR);
		assertThat(e.headers().values("retry-after")).containsExactly("7");

		Throwable stream = catchThrowable(() -> anthropic.stream(new Prompt("x")).blockLast());
		assertThat(stream).isExactlyInstanceOf(com.anthropic.errors.RateLimitException.class);
	}

	@Test
	void contextLengthAndContentPolicySurfaceAsBadRequest() {
		sim.model("gpt-sim").contextWindow(5);
		sim.model("claude-sim").contextWindow(5);
		String longPrompt = "word ".repeat(40);
		Throwable o = catchThrowable(() -> openAi.call(new Prompt(longPrompt)));
		assertThat(o).isExactlyInstanceOf(com.openai.errors.BadRequestException.class);
		assertThat(((com.openai.errors.BadRequestException) o).code()).hasValue("context_length_exceeded");
		Throwable a = catchThrowable(() -> anthropic.call(new Prompt(longPrompt)));
		assertThat(a).isExactlyInstanceOf(com.anthropic.errors.BadRequestException.class);
		assertThat(a.getMessage()).contains("prompt is too long");

		sim.model("gpt-sim").contextWindow(0).failWith(SimulatedError.contentPolicy());
		Throwable policy = catchThrowable(() -> openAi.call(new Prompt("x")));
		assertThat(((com.openai.errors.BadRequestException) policy).code()).hasValue("content_policy_violation");

		sim.model("claude-sim").failWith(SimulatedError.unauthorized());
		assertThat(catchThrowable(() -> anthropic.call(new Prompt("x"))))
			.isExactlyInstanceOf(com.anthropic.errors.UnauthorizedException.class);
		sim.model("gpt-sim").failWith(SimulatedError.forbidden());
		assertThat(catchThrowable(() -> openAi.call(new Prompt("x"))))
			.isExactlyInstanceOf(com.openai.errors.PermissionDeniedException.class);
	}

	// ---------------------------------------------------------------- hang and cut

	@Test
	void openAiHangTimesOut() {
		sim.model("gpt-sim").hang();
		long t0 = System.nanoTime();
		Throwable call = catchThrowable(() -> openAi.call(new Prompt("x")));
		assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(TIMEOUT.minusMillis(100),
				TIMEOUT.plusSeconds(3));
		assertThat(call).isExactlyInstanceOf(com.openai.errors.OpenAIIoException.class)
			.hasCauseInstanceOf(InterruptedIOException.class);
		assertThat(call.getCause()).hasMessage("timeout");

		Throwable stream = catchThrowable(() -> openAi.stream(new Prompt("x")).blockLast());
		assertThat(stream).isExactlyInstanceOf(CompletionException.class)
			.hasCauseExactlyInstanceOf(com.openai.errors.OpenAIIoException.class)
			.hasRootCauseInstanceOf(java.net.SocketException.class);
		assertThat(stream.getCause().getCause()).isInstanceOf(InterruptedIOException.class).hasMessage("timeout");
	}

	@Test
	void anthropicHangTimesOut() {
		sim.model("claude-sim").hang();
		long t0 = System.nanoTime();
		Throwable call = catchThrowable(() -> anthropic.call(new Prompt("x")));
		assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(TIMEOUT.minusMillis(100),
				TIMEOUT.plusSeconds(3));
		assertThat(call).isExactlyInstanceOf(com.anthropic.errors.AnthropicIoException.class)
			.hasCauseInstanceOf(InterruptedIOException.class);
		assertThat(call.getCause()).hasMessage("timeout");

		Throwable stream = catchThrowable(() -> anthropic.stream(new Prompt("x")).blockLast());
		assertThat(stream).isExactlyInstanceOf(com.anthropic.errors.AnthropicIoException.class)
			.hasCauseInstanceOf(InterruptedIOException.class);
	}

	@Test
	void openAiStreamCutErrorsTheFluxAfterThePartialContent() {
		sim.model("gpt-sim").answer("a b c d e f").cutStreamAfter(3);
		List<ChatResponse> seen = new CopyOnWriteArrayList<>();
		Throwable error = catchThrowable(() -> openAi.stream(new Prompt("x")).doOnNext(seen::add).blockLast());
		assertThat(error).isExactlyInstanceOf(com.openai.errors.OpenAIIoException.class)
			.hasMessage("Stream failed")
			.hasCauseExactlyInstanceOf(EOFException.class);
		assertThat(text(seen)).isEqualTo("a b c");
		assertThat(seen).allSatisfy(c -> assertThat(c.getResult().getMetadata().getFinishReason()).isNull());
	}

	@Test
	void anthropicStreamCutErrorsTheFluxAfterThePartialContent() {
		sim.model("claude-sim").answer("a b c d e f").cutStreamAfter(3);
		List<ChatResponse> seen = new CopyOnWriteArrayList<>();
		Throwable error = catchThrowable(() -> anthropic.stream(new Prompt("x")).doOnNext(seen::add).blockLast());
		assertThat(error).isExactlyInstanceOf(com.anthropic.errors.AnthropicIoException.class)
			.hasMessage("Stream failed")
			.hasCauseExactlyInstanceOf(EOFException.class);
		assertThat(text(seen)).isEqualTo("a b c");
		assertThat(seen).allSatisfy(c -> assertThat(c.getResult().getMetadata().getFinishReason()).isNull());
	}

	// ---------------------------------------------------------------- tools

	record WeatherRequest(String city) {
	}

	private static ToolCallback weatherTool(List<String> calls) {
		Function<WeatherRequest, String> fn = req -> {
			calls.add(req.city());
			return "sunny in " + req.city();
		};
		return FunctionToolCallback.builder("get_weather", fn)
			.description("Current weather of a city")
			.inputType(WeatherRequest.class)
			.build();
	}

	@Test
	void openAiToolCallRoundTrip() {
		List<String> calls = new CopyOnWriteArrayList<>();
		sim.model("gpt-sim")
			.toolCall("get_weather", "{\"city\":\"Paris\"}")
			.answers(r -> "Tool said: " + r.lastToolResult());
		// per-call options must start from the model's options: a fresh
		// OpenAiChatOptions.builder() carries the
		// builder defaults (model gpt-5-mini) and they replace the model's defaults
		toolRoundTrip(openAi, openAi.getOptions().mutate().toolCallbacks(weatherTool(calls)).build(), calls);
		assertThat(sim.requests().get(0).toolNames()).containsExactly("get_weather");
	}

	@Test
	void anthropicToolCallRoundTrip() {
		List<String> calls = new CopyOnWriteArrayList<>();
		sim.model("claude-sim")
			.toolCall("get_weather", "{\"city\":\"Paris\"}")
			.answers(r -> "Tool said: " + r.lastToolResult());
		toolRoundTrip(anthropic, anthropic.getOptions().mutate().toolCallbacks(weatherTool(calls)).build(), calls);
		assertThat(sim.requests().get(0).toolNames()).containsExactly("get_weather");
	}

	@Test
	void freshOptionsBuilderOverridesTheModelDefaults() {
		openAi.call(new Prompt("x", OpenAiChatOptions.builder().temperature(0.1).build()));
		anthropic.call(new Prompt("x", AnthropicChatOptions.builder().temperature(0.1).build()));
		assertThat(sim.requests()).extracting(RecordedRequest::model)
			.containsExactly(OpenAiChatOptions.builder().build().getModel(), AnthropicChatOptions.DEFAULT_MODEL);
		assertThat(sim.requests().get(1).json().path("max_tokens").asInt())
			.isEqualTo(AnthropicChatOptions.DEFAULT_MAX_TOKENS);
	}

	private void toolRoundTrip(ChatModel model, ChatOptions options, List<String> calls) {
		Prompt prompt = new Prompt(List.of(new UserMessage("Weather in Paris?")), options);
		ChatResponse first = model.call(prompt);
		assertThat(first.hasToolCalls()).isTrue();
		assertThat(first.getResult().getOutput().getToolCalls()).singleElement().satisfies(tc -> {
			assertThat(tc.name()).isEqualTo("get_weather");
			assertThat(tc.arguments()).contains("Paris");
		});
		ToolExecutionResult executed = ToolCallingManager.builder().build().executeToolCalls(prompt, first);
		assertThat(calls).containsExactly("Paris");
		ChatResponse second = model.call(new Prompt(executed.conversationHistory(), options));
		assertThat(second.hasToolCalls()).isFalse();
		assertThat(second.getResult().getOutput().getText()).isEqualTo("Tool said: \"sunny in Paris\"");
		assertThat(sim.requests()).hasSize(2);
		assertThat(sim.requests().get(1).hasToolResult()).isTrue();
	}

	private static String text(List<ChatResponse> chunks) {
		StringBuilder sb = new StringBuilder();
		for (ChatResponse c : chunks) {
			if (c.getResult() != null && c.getResult().getOutput().getText() != null) {
				sb.append(c.getResult().getOutput().getText());
			}
		}
		return sb.toString();
	}

}
