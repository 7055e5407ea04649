/**
 * Evaluation of routing policies: datasets of prompts with graders (exact, regex,
 * numeric, JSON schema, judge, recorded correctness), a runner that sends them through a
 * {@code ChatClient} (or any function) and collects what the router's receipts say,
 * reports (JSON, Markdown, cost-versus-quality PNG), a tuner that proposes per-task tier
 * rules, an eval gate for JUnit, and readers and metrics of the RouteLLM benchmark data
 * (MT-Bench, GSM8K: CPT, APGR) and RouterBench's AIQ. See docs/evaluation.md.
 */
@NullMarked
package dev.orchestration.test.eval;

import org.jspecify.annotations.NullMarked;
