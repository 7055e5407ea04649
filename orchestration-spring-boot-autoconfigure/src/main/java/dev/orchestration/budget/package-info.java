/**
 * Spending budgets: a per-request ceiling checked before each model call, daily and
 * monthly caps (global and per tenant) kept in memory or in Redis, threshold events,
 * meters and spend against limit for the endpoint.
 */
@NullMarked
package dev.orchestration.budget;

import org.jspecify.annotations.NullMarked;
