package dev.orchestration.sample;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatOptions;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /chat/stream}: the same request as {@code POST /chat}, answered as
 * server-sent events of text chunks. The last event is {@code [DONE]} when the answer is
 * complete, or {@code [ERROR] <kind>} when it failed after the stream began (an HTTP
 * status can no longer be sent then); failures before the first chunk get the statuses of
 * {@link SampleErrorHandler}. Each text event is written {@code data: <chunk>} (one space
 * that an SSE reader removes, so a chunk's own leading space survives). With
 * {@code ?receipt=true} an event named {@code receipt} (the routing receipt as JSON:
 * member, attempts, failovers, cost) comes before {@code [DONE]}, so a failover before
 * the first token is visible; it is opt-in because clients that read every {@code data:}
 * line as text (the chaos harness) would take it for part of the answer.
 */
@RestController
class StreamController {

	private final RoutingChatClient chatClient;

	private final ChatController validation;

	private final JsonMapper json;

	StreamController(RoutingChatClient chatClient, ChatController validation, JsonMapper json) {
		this.chatClient = chatClient;
		this.validation = validation;
		this.json = json;
	}

	@PostMapping(path = "/chat/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<String>> stream(@RequestBody ChatController.ChatRequest request,
			@RequestParam(name = "receipt", defaultValue = "false") boolean withReceipt) {
		this.validation.check(request);
		AtomicReference<RoutingReceipt> receipt = new AtomicReference<>();
		Flux<ServerSentEvent<String>> chunks = this.chatClient.prompt()
			.user(request.message())
			.options(RoutingChatOptions.builder().task(request.task()).tenant(request.tenant()).tier(request.tier()))
			.stream()
			.chatResponse()
			.doOnNext((response) -> RoutingReceipt.from(response).ifPresent(receipt::set))
			.mapNotNull(StreamController::text)
			// an SSE reader drops one space after "data:", and Spring writes none:
			// without
			// this one, " answer" would arrive as "answer"
			.map((text) -> event(" " + text));
		Flux<ServerSentEvent<String>> receiptEvent = Flux.defer(() -> (withReceipt && receipt.get() != null)
				? Flux
					.just(ServerSentEvent.builder(this.json.writeValueAsString(receipt.get())).event("receipt").build())
				: Flux.empty());
		AtomicBoolean started = new AtomicBoolean();
		return chunks.doOnNext((chunk) -> started.set(true))
			.concatWith(receiptEvent)
			.concatWith(Flux.just(event("[DONE]")))
			// before the first chunk the status can still say what went wrong
			// (SampleErrorHandler); after it, only an event can
			.onErrorResume((ex) -> started.get() ? Flux.just(event("[ERROR] " + ex.getClass().getSimpleName()))
					: Flux.error(ex));
	}

	private static String text(ChatResponse response) {
		if (response.getResult() == null || response.getResult().getOutput() == null) {
			return null;
		}
		String text = response.getResult().getOutput().getText();
		return (text == null || text.isEmpty()) ? null : text;
	}

	private static ServerSentEvent<String> event(String data) {
		return ServerSentEvent.builder(data).build();
	}

}
