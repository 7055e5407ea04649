package dev.orchestration.sample;

import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatOptions;
import reactor.core.publisher.Flux;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /chat/stream}: the same request as {@code POST /chat}, answered as
 * server-sent events of text chunks. The last event is {@code [DONE]} when the answer is
 * complete, or {@code [ERROR] <kind>} when it failed after the stream began (an HTTP
 * status can no longer be sent then); failures before the first chunk get the statuses of
 * {@link SampleErrorHandler}.
 */
@RestController
class StreamController {

	private final RoutingChatClient chatClient;

	private final ChatController validation;

	StreamController(RoutingChatClient chatClient, ChatController validation) {
		this.chatClient = chatClient;
		this.validation = validation;
	}

	@PostMapping(path = "/chat/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<String> stream(@RequestBody ChatController.ChatRequest request) {
		this.validation.check(request);
		return this.chatClient.prompt()
			.user(request.message())
			.options(RoutingChatOptions.builder().task(request.task()).tenant(request.tenant()).tier(request.tier()))
			.stream()
			.content()
			.concatWith(Flux.just("[DONE]"))
			.onErrorResume((ex) -> Flux.just("[ERROR] " + ex.getClass().getSimpleName()));
	}

}
