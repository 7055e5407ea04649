package dev.orchestration.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

import static org.assertj.core.api.Assertions.assertThat;

class FastOpenAiStubTests {

	private final FastOpenAiStub stub = FastOpenAiStub.start(4);

	@AfterEach
	void stop() {
		this.stub.close();
	}

	@Test
	void springAisOpenAiClientReadsTheAnswerUsageAndFinishReason() {
		OpenAiChatModel model = OpenAiChatModel.builder()
			.options(OpenAiChatOptions.builder()
				.baseUrl(this.stub.baseUrl())
				.apiKey("test")
				.model("any-model")
				.maxRetries(0)
				.timeout(Duration.ofSeconds(10))
				.build())
			.build();
		ChatResponse response = model.call(new Prompt("What is the capital of France?"));
		assertThat(response.getResult().getOutput().getText()).isEqualTo(FastOpenAiStub.ANSWER);
		assertThat(response.getResult().getMetadata().getFinishReason()).isEqualToIgnoringCase("stop");
		assertThat(response.getMetadata().getUsage().getPromptTokens()).isEqualTo(24);
		assertThat(response.getMetadata().getUsage().getCompletionTokens()).isEqualTo(8);
		assertThat(response.getMetadata().getId()).isEqualTo("chatcmpl-bench-stub");
	}

	@Test
	void theBodyIsAChatCompletionObject() throws Exception {
		HttpResponse<String> response = post("/v1/chat/completions");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		JsonNode body = JsonMapper.builder().build().readTree(response.body());
		assertThat(body.path("object").asString()).isEqualTo("chat.completion");
		assertThat(body.path("choices").get(0).path("message").path("role").asString()).isEqualTo("assistant");
		assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(32);
	}

	@Test
	void anUnknownPathIsA404WithAnOpenAiErrorBody() throws Exception {
		HttpResponse<String> response = post("/v1/embeddings");
		assertThat(response.statusCode()).isEqualTo(404);
		JsonNode error = JsonMapper.builder().build().readTree(response.body()).path("error");
		assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
		assertThat(error.path("message").asString()).contains("/v1/chat/completions");
	}

	private HttpResponse<String> post(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.stub.baseUrl() + path))
				.POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"messages\":[]}"))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
