/**
 * Cost: token prices and the calculation of what a call cost.
 */
@NullMarked
package dev.orchestration.cost;

import org.jspecify.annotations.NullMarked;
