package dev.orchestration.bench.chaos;

import java.util.List;
import java.util.Random;

import org.jspecify.annotations.Nullable;

/**
 * The seeded request mix: request {@code i} of a run is the same for the same seed,
 * whatever the thread that sends it. About a third are repeated questions (cache hits),
 * the rest spread over the sample's routing rules (small: classification, translation,
 * short; mid: code, default; frontier: analysis). Tenants {@code t0..t3} share the same
 * repeated questions (a cross-tenant hit would show); {@value #CAPPED} has a small daily
 * cap.
 */
final class Workload {

	/** The tenant with a small daily cap (set by the harness). */
	static final String CAPPED = "capped";

	private static final List<String> REPEATED = List.of("How do I reset my password?",
			"What are your opening hours on weekends?", "How can I change the e-mail address of my account?",
			"Which payment methods do you accept?", "How long does delivery to Germany take?",
			"Can I return an item after thirty days?", "How do I cancel my subscription?",
			"Where can I download my invoices?", "Is there a student discount?", "How do I enable two-factor login?",
			"What is the warranty on refurbished laptops?", "Do you ship to Norway?",
			"How do I update my billing address?", "Why was my card declined?", "Can I pause my plan for a month?",
			"How do I export my data?", "What does the premium plan include?", "How do I delete my account?",
			"Can two people share one licence?", "How do I contact support by phone?");

	private final long seed;

	private final double streamShare;

	Workload(long seed, double streamShare) {
		this.seed = seed;
		this.streamShare = streamShare;
	}

	Workload withStreamShare(double share) {
		return new Workload(this.seed, share);
	}

	Request request(long index) {
		Random random = new Random(this.seed * 1_000_003L + index * 0x9E3779B97F4A7C15L);
		boolean capped = random.nextDouble() < 0.08;
		String tenant = capped ? CAPPED : "t" + random.nextInt(4);
		boolean stream = !capped && random.nextDouble() < this.streamShare;
		double kind = random.nextDouble();
		int n = random.nextInt(1_000_000);
		String message;
		String task = null;
		if (kind < 0.35) {
			message = REPEATED.get(random.nextInt(REPEATED.size()));
		}
		else if (kind < 0.55) {
			message = "Is this email spam? 'You won prize number " + n + ", click here'";
			task = "classification";
		}
		else if (kind < 0.70) {
			message = "Translate 'good morning number " + n + "' to Spanish";
		}
		else if (kind < 0.85) {
			message = "Fix this code:\n```python\ndef f" + n + "(a, b): return a - b\n```";
		}
		else if (kind < 0.95) {
			message = "Draft a careful legal analysis of licence dispute " + n
					+ " between two companies, covering warranty, liability and jurisdiction.";
			task = "analysis";
		}
		else {
			message = "Explain the difference between TCP and UDP for case " + n + " in a few paragraphs.";
		}
		return new Request(message, task, tenant, stream);
	}

	/** One request of the workload. */
	record Request(String message, @Nullable String task, String tenant, boolean stream) {
	}

}
