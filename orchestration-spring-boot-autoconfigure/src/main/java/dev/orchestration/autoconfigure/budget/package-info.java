/**
 * Auto-configuration of spending budgets ({@code llm.budget.*}).
 */
@NullMarked
package dev.orchestration.autoconfigure.budget;

import org.jspecify.annotations.NullMarked;
