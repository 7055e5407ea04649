package dev.orchestration.sample;

import java.util.List;
import java.util.Set;

import dev.orchestration.tenant.TenantResolver;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The sample's tenants: from the {@code X-Tenant} header (what an authenticating gateway
 * would set) or else the request body's hint, and either only when it is on the
 * allow-list {@code sample.tenants.allowed}; any other tenant is refused with 400. With
 * {@code sample.tenants.body-hint=false} the body's hint is ignored and only the header
 * counts. A real application would rather take the tenant from its security setup
 * ({@code llm.tenant.resolver=principal}).
 */
class SampleTenantResolver implements TenantResolver {

	private final Settings settings;

	SampleTenantResolver(Settings settings) {
		this.settings = settings;
	}

	@Override
	public @Nullable String resolve(@Nullable String requested) {
		String tenant = header();
		if (tenant == null) {
			tenant = this.settings.isBodyHint() ? requested : null;
		}
		if (tenant == null) {
			return null;
		}
		if (!Set.copyOf(this.settings.getAllowed()).contains(tenant)) {
			throw new IllegalArgumentException("tenant '" + tenant + "' is not allowed (sample.tenants.allowed)");
		}
		return tenant;
	}

	private @Nullable String header() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			String value = request.getHeader(this.settings.getHeader());
			return (value != null && !value.isBlank()) ? value.strip() : null;
		}
		return null;
	}

	/** {@code sample.tenants.*}. */
	@ConfigurationProperties("sample.tenants")
	static class Settings {

		/** The header that names the tenant. */
		private String header = "X-Tenant";

		/** Whether the request body's tenant hint counts when the header is absent. */
		private boolean bodyHint = true;

		/** The tenants a request may name; any other is refused with 400. */
		private List<String> allowed = List.of();

		public String getHeader() {
			return this.header;
		}

		public void setHeader(String header) {
			this.header = header;
		}

		public boolean isBodyHint() {
			return this.bodyHint;
		}

		public void setBodyHint(boolean bodyHint) {
			this.bodyHint = bodyHint;
		}

		public List<String> getAllowed() {
			return this.allowed;
		}

		public void setAllowed(List<String> allowed) {
			this.allowed = allowed;
		}

	}

}
