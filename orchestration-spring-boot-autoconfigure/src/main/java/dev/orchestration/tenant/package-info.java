/**
 * Who the tenant of a request is: {@link dev.orchestration.tenant.TenantResolver} and the
 * advisor that applies it.
 */
@NullMarked
package dev.orchestration.tenant;

import org.jspecify.annotations.NullMarked;
