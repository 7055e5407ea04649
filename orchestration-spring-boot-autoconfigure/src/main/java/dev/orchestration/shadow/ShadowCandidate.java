package dev.orchestration.shadow;

import dev.orchestration.routing.RouteResolver;
import dev.orchestration.routing.RoutingChatModel;

/**
 * The candidate routing policy: its resolver and the router built over the live tiers and breakers with it. Kept
 * in this holder so that neither becomes a second {@code RouteResolver} or {@code RoutingChatModel} bean.
 *
 * @param resolver the candidate's route resolver
 * @param router the candidate router
 */
public record ShadowCandidate(RouteResolver resolver, RoutingChatModel router) {
}
