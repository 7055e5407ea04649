package dev.orchestration.drift;

import java.util.List;
import java.util.Set;

/**
 * Drift as {@code /actuator/llm-routes} shows it.
 *
 * @param checks every scheduled check with its baseline, last score and state
 * @param excludedTiers tiers taken out of the class policies
 * @param members passive drift per member
 */
public record DriftReport(List<DriftCheckState> checks, Set<String> excludedTiers, List<MemberDrift> members) {
}
