/**
 * Micrometer meters for routing decisions, complementing Spring AI's {@code gen_ai.*}
 * meters. Internal: constructed by the auto-configuration, not supported for direct use,
 * may change in any release (docs/api.md).
 */
@NullMarked
package dev.orchestration.metrics.internal;

import org.jspecify.annotations.NullMarked;
