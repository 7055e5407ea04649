/**
 * How the audit trail is made: the advisor and decision listener that build a record per
 * request, the redactor, the writer that hands records to the sink off the request path,
 * its meters and health. Internal: constructed by the audit auto-configuration, not
 * supported for direct use, may change in any release (docs/api.md).
 */
@NullMarked
package dev.orchestration.audit.internal;

import org.jspecify.annotations.NullMarked;
