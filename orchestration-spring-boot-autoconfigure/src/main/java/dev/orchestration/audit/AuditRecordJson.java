package dev.orchestration.audit;

import tools.jackson.databind.json.JsonMapper;

/**
 * One audit record as one line of JSON (ISO-8601 timestamps, enum names, every field
 * present).
 */
public final class AuditRecordJson {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private AuditRecordJson() {
	}

	public static String write(AuditRecord record) {
		return MAPPER.writeValueAsString(record);
	}

	/** Reads a line back (tests, tools reading the trail). */
	public static AuditRecord read(String json) {
		return MAPPER.readValue(json, AuditRecord.class);
	}

}
