/**
 * Routing: a {@code ChatModel} that is many chat models, the decision of which tier
 * serves a request, and failover between the members of a tier.
 */
@NullMarked
package dev.orchestration.routing;

import org.jspecify.annotations.NullMarked;
