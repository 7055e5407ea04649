package dev.orchestration.autoconfigure.tenant;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who the tenant of a request is ({@code llm.tenant.*}).
 */
@ConfigurationProperties(prefix = OrchestrationTenantProperties.CONFIG_PREFIX)
public class OrchestrationTenantProperties {

	public static final String CONFIG_PREFIX = "llm.tenant";

	/**
	 * Where the tenant comes from when no TenantResolver bean is defined: 'requested'
	 * (the tenant of RoutingChatOptions, as the caller wrote it) or 'principal' (the name
	 * of Spring Security's authenticated principal; needs spring-security-core).
	 */
	private Source resolver = Source.REQUESTED;

	/**
	 * With resolver=principal, the tenant of requests without an authenticated principal
	 * (none by default).
	 */
	private @Nullable String anonymous;

	public Source getResolver() {
		return this.resolver;
	}

	public void setResolver(Source resolver) {
		this.resolver = resolver;
	}

	public @Nullable String getAnonymous() {
		return this.anonymous;
	}

	public void setAnonymous(@Nullable String anonymous) {
		this.anonymous = anonymous;
	}

	/** Where the tenant comes from. */
	public enum Source {

		/** The tenant of the request's RoutingChatOptions. */
		REQUESTED,

		/** The name of Spring Security's authenticated principal. */
		PRINCIPAL

	}

}
