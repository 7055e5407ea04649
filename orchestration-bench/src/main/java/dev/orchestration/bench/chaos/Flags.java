package dev.orchestration.bench.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.orchestration.bench.UsageException;
import org.jspecify.annotations.Nullable;

/**
 * {@code --name value} and {@code --switch} arguments; {@code --set k=v} may repeat.
 */
final class Flags {

	private final Map<String, String> values = new LinkedHashMap<>();

	private final List<String> sets = new ArrayList<>();

	private Flags() {
	}

	static Flags parse(List<String> args, Set<String> switches, Set<String> valued) {
		Flags flags = new Flags();
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			if (!arg.startsWith("--")) {
				throw new UsageException("unexpected argument '" + arg + "'");
			}
			String name = arg.substring(2);
			if (switches.contains(name)) {
				flags.values.put(name, "true");
			}
			else if (valued.contains(name) || name.equals("set")) {
				if (i + 1 >= args.size()) {
					throw new UsageException(arg + " needs a value");
				}
				String value = args.get(++i);
				if (name.equals("set")) {
					if (!value.contains("=")) {
						throw new UsageException("--set needs key=value, was '" + value + "'");
					}
					flags.sets.add(value);
				}
				else {
					flags.values.put(name, value);
				}
			}
			else {
				throw new UsageException("unknown option " + arg);
			}
		}
		return flags;
	}

	boolean on(String name) {
		return this.values.containsKey(name);
	}

	@Nullable String get(String name) {
		return this.values.get(name);
	}

	String get(String name, String fallback) {
		return this.values.getOrDefault(name, fallback);
	}

	int integer(String name, int fallback) {
		String value = this.values.get(name);
		try {
			return (value != null) ? Integer.parseInt(value) : fallback;
		}
		catch (NumberFormatException ex) {
			throw new UsageException("--" + name + " needs a whole number, was '" + value + "'");
		}
	}

	double decimal(String name, double fallback) {
		String value = this.values.get(name);
		try {
			return (value != null) ? Double.parseDouble(value) : fallback;
		}
		catch (NumberFormatException ex) {
			throw new UsageException("--" + name + " needs a number, was '" + value + "'");
		}
	}

	/** A duration such as {@code 15s}, {@code 500ms} or {@code 10m}. */
	Duration duration(String name, Duration fallback) {
		String value = this.values.get(name);
		if (value == null) {
			return fallback;
		}
		try {
			if (value.endsWith("ms")) {
				return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
			}
			long amount = Long.parseLong(value.substring(0, value.length() - 1));
			return switch (value.charAt(value.length() - 1)) {
				case 's' -> Duration.ofSeconds(amount);
				case 'm' -> Duration.ofMinutes(amount);
				case 'h' -> Duration.ofHours(amount);
				default -> throw new NumberFormatException();
			};
		}
		catch (RuntimeException ex) {
			throw new UsageException("--" + name + " needs a duration such as 500ms, 15s or 10m, was '" + value + "'");
		}
	}

	List<String> sets() {
		return this.sets;
	}

}
