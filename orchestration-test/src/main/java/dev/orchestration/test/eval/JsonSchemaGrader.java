package dev.orchestration.test.eval;

import java.util.List;
import java.util.stream.Collectors;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answer, with Markdown code fences stripped, is JSON valid against a JSON schema
 * (draft 2020-12, networknt json-schema-validator as in
 * {@code dev.orchestration.cascade.JsonSchemaVerifier}).
 */
final class JsonSchemaGrader implements Grader {

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final Schema schema;

	JsonSchemaGrader(String schema) {
		this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
			.getSchema(this.mapper.readTree(schema));
	}

	@Override
	public Grade grade(EvalCase evalCase, Served served) {
		try {
			List<Error> errors = this.schema.validate(this.mapper.readTree(stripFences(served.text())));
			return errors.isEmpty() ? Grade.pass("valid against the schema")
					: Grade.fail(errors.stream().map(Error::getMessage).collect(Collectors.joining("; ")));
		}
		catch (JacksonException ex) {
			return Grade.fail("not JSON: " + ex.getOriginalMessage());
		}
	}

	static String stripFences(String text) {
		String trimmed = text.strip();
		if (trimmed.startsWith("```")) {
			int firstLine = trimmed.indexOf('\n');
			int end = trimmed.lastIndexOf("```");
			if (firstLine > 0 && end > firstLine) {
				return trimmed.substring(firstLine + 1, end).strip();
			}
		}
		return trimmed;
	}

}
