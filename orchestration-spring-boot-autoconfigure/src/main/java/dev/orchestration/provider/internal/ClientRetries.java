package dev.orchestration.provider.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.OptionalInt;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;

/**
 * How often a Spring AI chat model's SDK client retries a failed call on its own. Retries
 * inside one attempt hide from the router: a failover then waits for every SDK retry
 * (with the SDK's backoff) and the receipt shows one attempt for several HTTP calls.
 *
 * <p>
 * Spring AI 2.0.1 builds {@code OpenAiChatModel} and {@code AnthropicChatModel} over the
 * official SDKs, whose {@code ClientOptions.maxRetries} is what counts; the
 * auto-configurations take it from {@code spring.ai.openai.max-retries} (default 3) and
 * {@code spring.ai.anthropic.max-retries} (default 2). The clients do not expose their
 * options, so they are read reflectively; when that fails the model's options are read
 * instead (what the builder would use when it builds the clients itself).
 */
public final class ClientRetries {

	private static final String OPENAI_MODEL = "org.springframework.ai.openai.OpenAiChatModel";

	private static final String ANTHROPIC_MODEL = "org.springframework.ai.anthropic.AnthropicChatModel";

	/**
	 * Spring AI's default when {@code AnthropicChatOptions.maxRetries} is unset
	 * ({@code AnthropicSetup}).
	 */
	private static final int ANTHROPIC_DEFAULT_RETRIES = 2;

	private ClientRetries() {
	}

	/**
	 * The retries the chat model's SDK client makes itself.
	 * @param chatModel the chat model
	 * @return the retries, or empty when the model is not one whose client is known
	 */
	public static OptionalInt of(ChatModel chatModel) {
		String clientField = clientField(chatModel);
		if (clientField == null) {
			return OptionalInt.empty();
		}
		try {
			Object client = read(chatModel, clientField);
			Object clientOptions = read(client, "clientOptions");
			Method maxRetries = clientOptions.getClass().getMethod("maxRetries");
			return OptionalInt.of(((Number) maxRetries.invoke(clientOptions)).intValue());
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return fromOptions(chatModel);
		}
	}

	/**
	 * The Spring AI property that sets the retries of the auto-configured client of this
	 * kind of model.
	 * @param chatModel the chat model
	 * @return the property, or null when the model is of another kind
	 */
	public static @Nullable String property(ChatModel chatModel) {
		return switch (chatModel.getClass().getName()) {
			case OPENAI_MODEL -> "spring.ai.openai.max-retries";
			case ANTHROPIC_MODEL -> "spring.ai.anthropic.max-retries";
			default -> null;
		};
	}

	private static @Nullable String clientField(ChatModel chatModel) {
		return switch (chatModel.getClass().getName()) {
			case OPENAI_MODEL -> "openAiClient";
			case ANTHROPIC_MODEL -> "anthropicClient";
			default -> null;
		};
	}

	private static OptionalInt fromOptions(ChatModel chatModel) {
		try {
			ChatOptions options = chatModel.getOptions();
			Object retries = options.getClass().getMethod("getMaxRetries").invoke(options);
			if (retries instanceof Number number) {
				return OptionalInt.of(number.intValue());
			}
			return ANTHROPIC_MODEL.equals(chatModel.getClass().getName()) ? OptionalInt.of(ANTHROPIC_DEFAULT_RETRIES)
					: OptionalInt.empty();
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return OptionalInt.empty();
		}
	}

	private static Object read(Object target, String name) throws ReflectiveOperationException {
		for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
			try {
				Field field = type.getDeclaredField(name);
				field.setAccessible(true);
				Object value = field.get(target);
				if (value == null) {
					throw new NoSuchFieldException(name + " is null");
				}
				return value;
			}
			catch (NoSuchFieldException ex) {
				// look in the superclass
			}
		}
		throw new NoSuchFieldException(name);
	}

}
