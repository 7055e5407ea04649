/**
 * Receipts: what a routed response carries about its route, attempts, tokens and cost.
 */
@NullMarked
package dev.orchestration.receipt;

import org.jspecify.annotations.NullMarked;
