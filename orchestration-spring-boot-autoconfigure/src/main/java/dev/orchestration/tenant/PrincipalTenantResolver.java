package dev.orchestration.tenant;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The tenant is the name of the authenticated principal of Spring Security's context
 * ({@code llm.tenant.resolver=
 * principal}); the caller's tenant hint is ignored. Anonymous or unauthenticated requests
 * get the fallback tenant ({@code llm.tenant.anonymous}, none by default): they share its
 * budget and cache scope. Map names to tenants (an organisation rather than a user) by
 * defining your own {@link TenantResolver} that reads the same context.
 */
public class PrincipalTenantResolver implements TenantResolver {

	private final @Nullable String anonymous;

	public PrincipalTenantResolver(@Nullable String anonymous) {
		this.anonymous = anonymous;
	}

	@Override
	public @Nullable String resolve(@Nullable String requested) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return this.anonymous;
		}
		return authentication.getName();
	}

}
