package dev.orchestration.cache.semantic.internal;

import dev.orchestration.embedding.internal.EmbeddingWindow;
import dev.orchestration.embedding.internal.OnnxEmbeddingModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SemanticTextTests {

	private static final OnnxEmbeddingModel MODEL = new OnnxEmbeddingModel();

	@Test
	void aShortOneLineQuestionIsEmbeddedWholeInTheScopeItself() {
		SemanticText text = SemanticText.of("  How do I reset my password?\n", MODEL.window(128));
		assertThat(text.embedded()).isEqualTo("How do I reset my password?");
		assertThat(text.contextDigest()).isNull();
		assertThat(text.partition("scope")).isEqualTo("scope");
	}

	@Test
	void aMultiLineMessageEmbedsItsLastLineAndPartitionsByTheRest() {
		SemanticText first = SemanticText.of("Some context.\r\nMore context.\nWhat does it mean?", MODEL.window(128));
		SemanticText same = SemanticText.of("Some context.\r\nMore context.\nWhat is the meaning?", MODEL.window(128));
		SemanticText other = SemanticText.of("Other context.\nWhat does it mean?", MODEL.window(128));
		assertThat(first.embedded()).isEqualTo("What does it mean?");
		assertThat(first.contextDigest()).hasSize(64)
			.isEqualTo(same.contextDigest())
			.isNotEqualTo(other.contextDigest());
		assertThat(first.partition("scope")).isEqualTo("scope:c" + first.contextDigest());
	}

	@Test
	void aTextBeyondTheWindowGetsNoSemanticLookup() {
		String words = "word ".repeat(127).strip();
		assertThat(MODEL.fits(words)).isTrue();
		assertThat(SemanticText.of(words, MODEL.window(128)).semantic()).isFalse();
		assertThat(SemanticText.of("word ".repeat(100), MODEL.window(128)).semantic()).isTrue();
		assertThat(SemanticText.of("context\n" + words, MODEL.window(128)).semantic()).isFalse();
		assertThat(SemanticText.of("x".repeat(3_000_000), MODEL.window(128)).semantic()).isFalse();
		assertThat(SemanticText.of("   ", MODEL.window(128)).semantic()).isFalse();
	}

	@Test
	void aCharacterWindowCountsCharacters() {
		EmbeddingWindow window = EmbeddingWindow.characters(10);
		assertThat(SemanticText.of("0123456789", window).semantic()).isTrue();
		assertThat(SemanticText.of("0123456789A", window).semantic()).isFalse();
	}

}
