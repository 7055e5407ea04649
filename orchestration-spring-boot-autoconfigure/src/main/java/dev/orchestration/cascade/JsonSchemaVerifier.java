package dev.orchestration.cascade;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * When structured output was requested ({@code .entity(..)}), fails answers that are not
 * JSON valid against the requested schema. Passes requests without a schema.
 */
public class JsonSchemaVerifier implements ResponseVerifier {

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

	@Override
	public String name() {
		return "json-schema";
	}

	@Override
	public Verdict verify(VerificationContext context) {
		String schemaText = context.outputSchema();
		if (schemaText == null) {
			return Verdict.pass(name(), "no structured output requested");
		}
		return validate(schemaText, context.answer());
	}

	/**
	 * Validates an answer (its code fences stripped) against a JSON schema.
	 * @param schemaText the schema (draft 2020-12)
	 * @param answer the answer
	 * @return a pass, or a failure naming what is wrong
	 */
	public Verdict validate(String schemaText, String answer) {
		try {
			Schema schema = this.schemas.computeIfAbsent(schemaText,
					(text) -> this.registry.getSchema(this.mapper.readTree(text)));
			List<Error> errors = schema.validate(this.mapper.readTree(stripFences(answer)));
			return errors.isEmpty() ? Verdict.pass(name(), "valid against the schema")
					: Verdict.fail(name(), errors.stream().map(Error::getMessage).collect(Collectors.joining("; ")));
		}
		catch (JacksonException ex) {
			return Verdict.fail(name(), "not JSON: " + ex.getOriginalMessage());
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
