package dev.orchestration.resilience;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Reads fields of a provider's error body defensively: the body is a plain tree of maps,
 * lists, strings, numbers and booleans, and a missing field, a field of the wrong type or
 * a {@code null} reads as {@code null}.
 */
final class ErrorFields {

	private static final int MAX_DEPTH = 16;

	private ErrorFields() {
	}

	/**
	 * The value at a path of object keys, or {@code null} when any step is missing or not
	 * an object.
	 */
	static @Nullable Object path(@Nullable Object tree, String... keys) {
		Object current = tree;
		for (String key : keys) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(key);
		}
		return current;
	}

	/**
	 * A string, number or boolean as text; anything else (objects, lists, null) as
	 * {@code null}.
	 */
	static @Nullable String text(@Nullable Object value) {
		if (value instanceof String || value instanceof Number || value instanceof Boolean) {
			String text = value.toString().trim();
			return text.isEmpty() ? null : text;
		}
		return null;
	}

	/**
	 * The non-blank parts, lower-cased and joined by spaces, or {@code null} when there
	 * is none.
	 */
	static @Nullable String join(@Nullable String... parts) {
		StringBuilder joined = new StringBuilder();
		for (String part : parts) {
			if (part != null && !part.isBlank()) {
				joined.append((joined.length() > 0) ? " " : "").append(part.trim().toLowerCase(Locale.ROOT));
			}
		}
		return (joined.length() > 0) ? joined.toString() : null;
	}

	/**
	 * Azure OpenAI's content filter categories that filtered the prompt or completion
	 * ({@code {"violence": {"filtered": true, "severity": "medium"}, ...}}).
	 */
	static List<String> filteredCategories(@Nullable Object contentFilterResult) {
		List<String> filtered = new ArrayList<>();
		if (contentFilterResult instanceof Map<?, ?> categories) {
			categories.forEach((category, result) -> {
				Object flag = path(result, "filtered");
				if (Boolean.TRUE.equals(flag) || "true".equals(flag)) {
					filtered.add(String.valueOf(category));
				}
			});
		}
		return filtered;
	}

	/**
	 * The value, or {@code null} when computing it throws (SDK accessors throw on
	 * unexpected bodies).
	 */
	static <T> @Nullable T safely(Supplier<@Nullable T> supplier) {
		try {
			return supplier.get();
		}
		catch (RuntimeException | StackOverflowError ex) {
			return null;
		}
	}

	/** A header reader that never throws and never returns {@code null}. */
	static Function<String, List<String>> safeHeaders(Function<String, @Nullable List<String>> headers) {
		return (name) -> {
			List<String> values = safely(() -> headers.apply(name));
			return (values != null) ? values : List.of();
		};
	}

	/**
	 * Converts an SDK JSON value to a plain tree, through the SDK's own optional
	 * accessors.
	 * @param <V> the SDK's JSON value type
	 */
	static <V> @Nullable Object tree(@Nullable V value, JsonAccess<V> access) {
		return tree(value, access, 0);
	}

	private static <V> @Nullable Object tree(@Nullable V value, JsonAccess<V> access, int depth) {
		if (value == null || depth > MAX_DEPTH) {
			return null;
		}
		Optional<Map<String, V>> object = access.object(value);
		if (object.isPresent()) {
			Map<String, @Nullable Object> map = new LinkedHashMap<>();
			object.get().forEach((key, child) -> map.put(key, tree(child, access, depth + 1)));
			return map;
		}
		Optional<List<V>> array = access.array(value);
		if (array.isPresent()) {
			List<@Nullable Object> list = new ArrayList<>();
			array.get().forEach((child) -> list.add(tree(child, access, depth + 1)));
			return list;
		}
		Optional<String> string = access.string(value);
		if (string.isPresent()) {
			return string.get();
		}
		Optional<Number> number = access.number(value);
		if (number.isPresent()) {
			return number.get();
		}
		return access.bool(value).orElse(null);
	}

	/** The optional accessors of one SDK's JSON value type. */
	interface JsonAccess<V> {

		Optional<Map<String, V>> object(V value);

		Optional<List<V>> array(V value);

		Optional<String> string(V value);

		Optional<Number> number(V value);

		Optional<Boolean> bool(V value);

		/**
		 * Access through an SDK's own JSON value methods (the OpenAI and Anthropic SDKs
		 * name them alike).
		 */
		static <V> JsonAccess<V> of(Function<V, Optional<Map<String, V>>> object, Function<V, Optional<List<V>>> array,
				Function<V, Optional<String>> string, Function<V, Optional<Number>> number,
				Function<V, Optional<Boolean>> bool) {
			return new JsonAccess<>() {

				@Override
				public Optional<Map<String, V>> object(V value) {
					return object.apply(value);
				}

				@Override
				public Optional<List<V>> array(V value) {
					return array.apply(value);
				}

				@Override
				public Optional<String> string(V value) {
					return string.apply(value);
				}

				@Override
				public Optional<Number> number(V value) {
					return number.apply(value);
				}

				@Override
				public Optional<Boolean> bool(V value) {
					return bool.apply(value);
				}

			};
		}

	}

}
