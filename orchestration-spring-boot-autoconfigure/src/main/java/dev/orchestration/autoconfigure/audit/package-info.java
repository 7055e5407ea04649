/**
 * Auto-configuration of the audit trail ({@code llm.audit.*}).
 */
@NullMarked
package dev.orchestration.autoconfigure.audit;

import org.jspecify.annotations.NullMarked;
