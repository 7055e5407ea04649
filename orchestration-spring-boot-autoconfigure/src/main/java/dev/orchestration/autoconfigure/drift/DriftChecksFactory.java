package dev.orchestration.autoconfigure.drift;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.orchestration.autoconfigure.InvalidOrchestrationConfigurationException;
import dev.orchestration.drift.DriftCase;
import dev.orchestration.drift.DriftGrader;
import dev.orchestration.drift.internal.DriftCheck;
import dev.orchestration.routing.Tiers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Turns {@code llm.drift.checks} into {@link DriftCheck}s, failing start-up on what the
 * binder cannot see: unknown tiers, graders that are neither built in nor beans,
 * evaluation sets that cannot be read.
 */
final class DriftChecksFactory {

	private static final String P = OrchestrationDriftProperties.CONFIG_PREFIX + ".checks.";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Tiers tiers;

	private final ListableBeanFactory beans;

	private final ResourceLoader resources;

	DriftChecksFactory(Tiers tiers, ListableBeanFactory beans, ResourceLoader resources) {
		this.tiers = tiers;
		this.beans = beans;
		this.resources = resources;
	}

	List<DriftCheck> checks(OrchestrationDriftProperties properties) {
		List<DriftCheck> checks = new ArrayList<>();
		properties.getChecks().forEach((name, check) -> checks.add(check(name, check)));
		return checks;
	}

	private DriftCheck check(String name, OrchestrationDriftProperties.Check check) {
		if (check.getTier() != null && !this.tiers.contains(check.getTier())) {
			throw new InvalidOrchestrationConfigurationException(P + name + ".tier",
					"there is no tier named '" + check.getTier() + "'", "use one of the tiers " + this.tiers.names());
		}
		List<DriftCase> cases = new ArrayList<>();
		for (int i = 0; i < check.getCases().size(); i++) {
			OrchestrationDriftProperties.Case c = check.getCases().get(i);
			cases.add(new DriftCase((c.getId() != null) ? c.getId() : String.valueOf(i), String.valueOf(c.getPrompt()),
					c.getExpected()));
		}
		if (check.getEvalSet() != null) {
			cases.addAll(read(name, check.getEvalSet()));
		}
		return new DriftCheck(name, check.getTier(), check.getTask(), cases, grader(name, check.getGrader()),
				check.getBaselineScore(), check.getMaxDrop(), check.isRemoveOnDrift(), check.getInterval(),
				check.getCron(), check.getInitialDelay());
	}

	private DriftGrader grader(String check, String grader) {
		switch (grader) {
			case "exact":
				return DriftGrader.exact();
			case "contains":
				return DriftGrader.contains();
			case "regex":
				return DriftGrader.regex();
			default:
				Map<String, DriftGrader> graders = this.beans.getBeansOfType(DriftGrader.class);
				DriftGrader bean = graders.get(grader);
				if (bean == null) {
					throw new InvalidOrchestrationConfigurationException(P + check + ".grader",
							"'" + grader + "' is neither a built-in grader nor a DriftGrader bean",
							"use exact, contains, regex or one of the DriftGrader beans " + graders.keySet());
				}
				return bean;
		}
	}

	private List<DriftCase> read(String check, String location) {
		Resource resource = this.resources.getResource(location);
		List<DriftCase> cases = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			int n = 0;
			while ((line = reader.readLine()) != null) {
				if (line.isBlank()) {
					continue;
				}
				JsonNode node = JSON.readTree(line);
				JsonNode prompt = node.get("prompt");
				if (prompt == null || prompt.asString().isBlank()) {
					throw new InvalidOrchestrationConfigurationException(P + check + ".eval-set",
							"line " + (n + 1) + " of " + location + " has no \"prompt\"",
							"write one JSON object per line with \"prompt\" and optional \"id\" and \"expected\"");
				}
				JsonNode id = node.get("id");
				JsonNode expected = node.get("expected");
				cases.add(new DriftCase((id != null) ? id.asString() : location + "#" + n, prompt.asString(),
						(expected != null && !expected.isNull()) ? expected.asString() : null));
				n++;
			}
		}
		catch (IOException ex) {
			throw new InvalidOrchestrationConfigurationException(P + check + ".eval-set",
					"the evaluation set " + location + " cannot be read (" + ex.getMessage() + ")",
					"point it at a readable JSON lines resource, e.g. classpath:drift/support.jsonl");
		}
		return cases;
	}

}
