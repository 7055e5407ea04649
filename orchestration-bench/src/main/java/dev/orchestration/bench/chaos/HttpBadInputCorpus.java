package dev.orchestration.bench.chaos;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Bad input for the sample's HTTP API: each case states the statuses it may get (a clear
 * 4xx, or 200 where the input is merely odd); a 5xx, a stack trace in the body, or an
 * unhealthy app afterwards breaks the invariant.
 */
final class HttpBadInputCorpus {

	private static final Pattern STACK = Pattern
		.compile("\\tat |\"trace\"|\\bat [a-z]+\\.[a-z.]+\\.[A-Z]\\w*\\.\\w+\\(");

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private HttpBadInputCorpus() {
	}

	/** One case: a request and the statuses that count as a clear answer. */
	record Case(String name, String method, String path, String contentType, byte[] body, boolean chunked,
			Set<Integer> expected) {

		static Case json(String name, String body, Integer... expected) {
			return new Case(name, "POST", "/chat", "application/json", body.getBytes(StandardCharsets.UTF_8), false,
					Set.of(expected));
		}

	}

	static List<Case> cases() {
		List<Case> cases = new ArrayList<>();
		cases.add(Case.json("empty object", "{}", 400));
		cases.add(Case.json("null message", "{\"message\": null}", 400));
		cases.add(Case.json("empty message", "{\"message\": \"\"}", 400));
		cases.add(Case.json("blank message", "{\"message\": \" \\t\\n \"}", 400));
		cases.add(Case.json("message is a number", "{\"message\": 12345}", 200, 400));
		cases.add(Case.json("message is an object", "{\"message\": {\"text\": \"hi\"}}", 400));
		cases.add(Case.json("message is an array", "{\"message\": [\"hi\"]}", 400));
		cases.add(Case.json("not JSON", "hello there", 400));
		cases.add(Case.json("truncated JSON", "{\"message\": \"hel", 400));
		cases.add(Case.json("JSON array", "[{\"message\": \"hi\"}]", 400));
		cases.add(Case.json("JSON null", "null", 400));
		cases.add(Case.json("empty body", "", 400));
		cases.add(Case.json("nested 5,000 deep", "{\"message\": " + "[".repeat(5000) + "]".repeat(5000) + "}", 400));
		cases.add(Case.json("unknown field", "{\"message\": \"hi there\", \"temperature\": 9}", 200, 400));
		cases.add(Case.json("unknown tier", "{\"message\": \"hi\", \"tier\": \"gigantic\"}", 400));
		cases.add(Case.json("tier is a number", "{\"message\": \"hi\", \"tier\": 3}", 400));
		cases.add(Case.json("tier is an object", "{\"message\": \"hi\", \"tier\": {\"name\": \"small\"}}", 400));
		cases.add(Case.json("empty tier", "{\"message\": \"hi\", \"tier\": \"\"}", 200, 400));
		cases.add(Case.json("tenant of 129 chars", "{\"message\": \"hi\", \"tenant\": \"" + "t".repeat(129) + "\"}",
				400));
		cases.add(Case.json("tenant of 100,000 chars",
				"{\"message\": \"hi\", \"tenant\": \"" + "t".repeat(100_000) + "\"}", 400));
		cases.add(Case.json("task of 10,000 chars", "{\"message\": \"hi\", \"task\": \"" + "k".repeat(10_000) + "\"}",
				400));
		cases.add(Case.json("tenant with NUL", "{\"message\": \"hi\", \"tenant\": \"a\\u0000b\"}", 400));
		cases.add(Case.json("tenant with newline", "{\"message\": \"hi\", \"tenant\": \"a\\nb\"}", 400));
		cases.add(Case.json("task with escape sequence", "{\"message\": \"hi\", \"task\": \"\\u001b[31mred\"}", 400));
		for (String odd : List.of("\\ud83d\\ude00\\ud83d\\udc4d emoji", "\\u202eright-to-left override",
				"zero\\u200bwidth\\u200djoiner\\u2060", "e\\u0301\\u0301\\u0301\\u0301 combining marks",
				"nul \\u0000 byte", "lone \\ud800 surrogate", "reversed \\udc00\\ud800 pair", "\\ufeffbyte order mark",
				"\\u4f60\\u597d\\uff0c\\u4e16\\u754c", "\\u0627\\u0644\\u0633\\u0644\\u0627\\u0645 mixed scripts",
				"\\uffff\\ufffe noncharacters")) {
			cases.add(Case.json("odd Unicode: " + odd, "{\"message\": \"" + odd + "\"}", 200));
		}
		cases.add(Case.json("900 KB message (under the limit)",
				"{\"message\": \"" + "lorem ipsum ".repeat(75_000) + "\"}", 200));
		String twoMb = "{\"message\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
		cases.add(Case.json("2 MB message", twoMb, 413));
		cases.add(new Case("2 MB message, chunked", "POST", "/chat", "application/json",
				twoMb.getBytes(StandardCharsets.UTF_8), true, Set.of(413)));
		cases.add(new Case("text/plain body", "POST", "/chat", "text/plain", "hello".getBytes(StandardCharsets.UTF_8),
				false, Set.of(415)));
		cases.add(new Case("GET /chat", "GET", "/chat", "application/json", new byte[0], false, Set.of(405)));
		cases.add(new Case("PUT /chat", "PUT", "/chat", "application/json",
				"{\"message\": \"hi\"}".getBytes(StandardCharsets.UTF_8), false, Set.of(405)));
		cases.add(new Case("stream: empty object", "POST", "/chat/stream", "application/json",
				"{}".getBytes(StandardCharsets.UTF_8), false, Set.of(400)));
		cases.add(new Case("stream: unknown tier", "POST", "/chat/stream", "application/json",
				"{\"message\": \"hi\", \"tier\": \"gigantic\"}".getBytes(StandardCharsets.UTF_8), false,
				Set.of(200, 400)));
		return cases;
	}

	/**
	 * Sends every case, then checks that the app is still healthy and answers a normal
	 * request.
	 * @return the broken invariants (empty when all held)
	 */
	static List<String> run(SampleClient client, PrintStream out) throws Exception {
		List<String> broken = new ArrayList<>();
		int clear = 0;
		for (Case c : cases()) {
			HttpRequest.BodyPublisher body;
			if (c.chunked()) {
				byte[] bytes = c.body();
				Iterator<byte[]> parts = List
					.of(Arrays.copyOfRange(bytes, 0, bytes.length / 2),
							Arrays.copyOfRange(bytes, bytes.length / 2, bytes.length))
					.iterator();
				body = HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArrays(() -> parts));
			}
			else {
				body = HttpRequest.BodyPublishers.ofByteArray(c.body());
			}
			HttpRequest request = HttpRequest.newBuilder(URI.create(client.baseUrl() + c.path()))
				.timeout(TIMEOUT)
				.header("Content-Type", c.contentType())
				.method(c.method(), c.method().equals("GET") ? HttpRequest.BodyPublishers.noBody() : body)
				.build();
			int status;
			String text;
			try {
				HttpResponse<String> response = client.raw(request);
				status = response.statusCode();
				text = response.body();
			}
			catch (Exception ex) {
				broken.add(c.name() + ": no answer (" + ex.getClass().getSimpleName() + ")");
				continue;
			}
			boolean stack = STACK.matcher(text).find();
			boolean ok = c.expected().contains(status) && !stack;
			clear += ok ? 1 : 0;
			if (!ok) {
				broken.add(c.name() + ": " + status + (stack ? " with a stack trace" : "") + ", expected "
						+ c.expected() + " (" + abbreviate(text) + ")");
			}
		}
		SampleClient.Probe health = client.health();
		Outcome normal = client
			.send(new Workload.Request("Is this email spam? 'after the corpus'", "classification", "t0", false));
		out.printf(Locale.ROOT, "  %d of %d cases got a clear answer; afterwards health %s (%d), a normal request %s%n",
				clear, cases().size(), health.status(), health.httpStatus(), normal.kind());
		if (!health.status().equals("UP")) {
			broken.add("health is " + health.status() + " after the corpus");
		}
		if (normal.kind() != Outcome.Kind.OK) {
			broken.add("a normal request after the corpus got " + normal.kind());
		}
		broken.forEach((b) -> out.println("  BROKEN " + b));
		return broken;
	}

	private static String abbreviate(String text) {
		String oneLine = text.replaceAll("\\s+", " ");
		return (oneLine.length() > 160) ? oneLine.substring(0, 160) + "..." : oneLine;
	}

}
