package dev.orchestration.sample;

import dev.orchestration.tenant.TenantResolver;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sample's {@link TenantResolver}: a header or the body's hint, through an
 * allow-list.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SampleTenantResolver.Settings.class)
class TenantConfiguration {

	@Bean
	TenantResolver sampleTenantResolver(SampleTenantResolver.Settings settings) {
		return new SampleTenantResolver(settings);
	}

}
