package dev.orchestration.sample;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A server-sent events body parsed as the specification says a reader does: events end at
 * a blank line, {@code data:} lines are joined with newlines, one space after the colon
 * is dropped.
 */
record Sse(List<Event> events) {

	static Sse parse(String body) {
		List<Event> events = new ArrayList<>();
		String name = null;
		StringBuilder data = null;
		for (String line : body.split("\r?\n", -1)) {
			if (line.isEmpty()) {
				if (data != null) {
					events.add(new Event(name, data.toString()));
				}
				name = null;
				data = null;
				continue;
			}
			int colon = line.indexOf(':');
			String field = (colon < 0) ? line : line.substring(0, colon);
			String value = (colon < 0) ? "" : line.substring(colon + 1);
			if (value.startsWith(" ")) {
				value = value.substring(1);
			}
			if (field.equals("event")) {
				name = value;
			}
			else if (field.equals("data")) {
				data = (data == null) ? new StringBuilder(value) : data.append('\n').append(value);
			}
		}
		if (data != null) {
			events.add(new Event(name, data.toString()));
		}
		return new Sse(events);
	}

	/** The text: every unnamed event but the final {@code [DONE]} / {@code [ERROR]}. */
	String text() {
		StringBuilder text = new StringBuilder();
		for (Event event : this.events) {
			if (event.name() == null && !event.data().startsWith("[DONE]") && !event.data().startsWith("[ERROR]")) {
				text.append(event.data());
			}
		}
		return text.toString();
	}

	String last() {
		return this.events.get(this.events.size() - 1).data();
	}

	@Nullable String named(String name) {
		return this.events.stream().filter((e) -> name.equals(e.name())).map(Event::data).findFirst().orElse(null);
	}

	/** One event. */
	record Event(@Nullable String name, String data) {
	}

}
