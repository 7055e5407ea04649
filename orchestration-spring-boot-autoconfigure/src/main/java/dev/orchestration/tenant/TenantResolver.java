package dev.orchestration.tenant;

import org.jspecify.annotations.Nullable;

/**
 * Decides the tenant of a request (budgets, cache scopes, receipts and decisions use it),
 * so that the tenant is not simply whatever the caller wrote in
 * {@code RoutingChatOptions.tenant}. Called on the caller's thread for every request of
 * the auto-configured {@code RoutingChatClient}, before the caches; thread-bound context
 * (a security context, a request scope) is available there. A direct
 * {@code RoutingChatModel} call takes the options' tenant as given.
 * <p>
 * The default ({@link #requested()}) keeps the tenant of the options. Define a bean to
 * replace it, for example {@link PrincipalTenantResolver}
 * ({@code llm.tenant.resolver=principal}, with Spring Security) or one that maps a
 * request header through an allow-list (the sample app).
 */
@FunctionalInterface
public interface TenantResolver {

	/**
	 * The tenant of the current request.
	 * @param requested the tenant the options carry (the caller's hint), or null
	 * @return the tenant to use, or null for none
	 * @throws IllegalArgumentException to refuse the request (for example a tenant
	 * outside an allow-list)
	 */
	@Nullable String resolve(@Nullable String requested);

	/** The tenant of the options, as today: the caller decides. */
	static TenantResolver requested() {
		return Requested.INSTANCE;
	}

	/**
	 * The default resolver, one instance, so that the routing client can leave its
	 * advisor out.
	 */
	final class Requested implements TenantResolver {

		static final Requested INSTANCE = new Requested();

		private Requested() {
		}

		@Override
		public @Nullable String resolve(@Nullable String requested) {
			return requested;
		}

	}

}
