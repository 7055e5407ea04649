package dev.orchestration.audit.internal;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditRedactorTests {

	private final AuditRedactor defaults = AuditRedactor.of(true, List.of(), "[REDACTED]");

	@Test
	void providerKeysAreRedacted() {
		assertThat(this.defaults.redact("use sk-ant-api03-AbCdEfGhIjKlMnOpQrSt and sk-proj-1234567890abcdefXYZ"))
			.isEqualTo("use [REDACTED] and [REDACTED]");
		assertThat(this.defaults.redact("aws AKIAIOSFODNN7EXAMPLE here")).isEqualTo("aws [REDACTED] here");
	}

	@Test
	void bearerTokensAndKeyValueSecretsAreRedacted() {
		assertThat(this.defaults.redact("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig"))
			.doesNotContain("eyJhbGciOiJIUzI1NiJ9");
		assertThat(this.defaults.redact("password=hunter22 please")).isEqualTo("[REDACTED] please");
	}

	@Test
	void emailAddressesAreRedacted() {
		assertThat(this.defaults.redact("write to jane.doe+billing@example.co.uk today"))
			.isEqualTo("write to [REDACTED] today");
	}

	@Test
	void ordinaryTextIsLeftAlone() {
		assertThat(this.defaults.redact("Is this spam? You won a prize")).isEqualTo("Is this spam? You won a prize");
	}

	@Test
	void userPatternsApplyAfterTheDefaultsAndDefaultsCanBeSwitchedOff() {
		AuditRedactor own = AuditRedactor.of(false, List.of("\\bACME-[0-9]{6}\\b"), "#");
		assertThat(own.redact("order ACME-123456 by a@b.io")).isEqualTo("order # by a@b.io");
	}

}
