package dev.orchestration.cache.semantic;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextOverlapVerifierTests {

	private final TextOverlapVerifier verifier = new TextOverlapVerifier();

	@Test
	void acceptsRewordingsOfFunctionWordsCaseAndPlurals() {
		assertThat(accept("How do I reset my password?", "How can I reset the passwords?")).isTrue();
		assertThat(
				accept("Who will win the 2016 Presidential Election?", "who will win the 2016 presidential election"))
			.isTrue();
		assertThat(accept("What are the best phones?", "What is the best phone?")).isTrue();
	}

	@Test
	void rejectsDifferentEntitiesNumbersNegationsAndSwaps() {
		assertThat(
				accept("How can I get 100000 followers on Instagram?", "How can I get 50000 followers on Instagram?"))
			.isFalse();
		assertThat(accept("Is Python good for beginners?", "Is Java good for beginners?")).isFalse();
		assertThat(accept("Why do Poles dislike Russians?", "Why do Russians dislike Poles?")).isFalse();
		assertThat(accept("Can I use my card abroad?", "Can't I use my card abroad?")).isFalse();
		assertThat(accept("How do I learn Java?", "Why do I learn Java?")).isFalse();
		assertThat(accept("What is the capital of France?", "What is the capital of France and Spain?")).isFalse();
	}

	@Test
	void canTolerateAFewDifferingWords() {
		TextOverlapVerifier lenient = new TextOverlapVerifier(1);
		assertThat(lenient.accept("What is the capital of France?", "What is the capital city of France?", 0.95))
			.isTrue();
		assertThat(lenient.accept("How can I get 100 followers?", "How can I get 200 followers?", 0.95)).isFalse();
		assertThat(lenient.accept("Why do Poles dislike Russians?", "Why do Russians dislike Poles?", 0.95)).isFalse();
		assertThat(CandidateVerifier.ACCEPT_ALL.accept("a", "b", 0.1)).isTrue();
	}

	@Test
	void stemsPluralsLightly() {
		assertThat(TextOverlapVerifier.stem("phones")).isEqualTo("phone");
		assertThat(TextOverlapVerifier.stem("classes")).isEqualTo("class");
		assertThat(TextOverlapVerifier.stem("countries")).isEqualTo("country");
		assertThat(TextOverlapVerifier.stem("analysis")).isEqualTo("analysis");
		assertThat(TextOverlapVerifier.stem("gas")).isEqualTo("gas");
	}

	private boolean accept(String cached, String query) {
		return this.verifier.accept(cached, query, 0.95);
	}

}
