package dev.orchestration.test.eval;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.orchestration.cascade.JsonSchemaVerifier;
import dev.orchestration.cascade.Verdict;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answer, with Markdown code fences stripped, is JSON valid against a JSON schema
 * (draft 2020-12): the cascade's {@link JsonSchemaVerifier}, as a grader.
 */
final class JsonSchemaGrader implements Grader {

	private final JsonSchemaVerifier verifier = new JsonSchemaVerifier();

	private final String schema;

	JsonSchemaGrader(String schema) {
		// a schema that is not JSON fails here, not in the first grade
		SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
			.getSchema(JsonMapper.builder().build().readTree(schema));
		this.schema = schema;
	}

	@Override
	public Grade grade(EvalCase evalCase, Served served) {
		Verdict verdict = this.verifier.validate(this.schema, served.text());
		return verdict.accepted() ? Grade.pass(verdict.reason()) : Grade.fail(verdict.reason());
	}

}
