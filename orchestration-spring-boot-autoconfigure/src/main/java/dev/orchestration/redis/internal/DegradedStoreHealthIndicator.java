package dev.orchestration.redis.internal;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * A store that degrades instead of failing, reported the {@link DegradedHealth} way:
 * {@code UNKNOWN} with {@code degraded: true} and the reason while degraded, {@code UP}
 * otherwise, the store's own details between, and its last error. The budget store,
 * review queue and audit trail indicators are this with their own details.
 */
public class DegradedStoreHealthIndicator extends AbstractHealthIndicator {

	private final What what;

	private final BooleanSupplier degraded;

	private final Supplier<@Nullable String> lastError;

	private final Consumer<Health.Builder> details;

	/**
	 * @param what the store and how it is reported
	 * @param degraded whether the store is degraded now
	 * @param lastError the store's last error, or {@code null}
	 * @param details adds the store's own details
	 */
	protected DegradedStoreHealthIndicator(What what, BooleanSupplier degraded, Supplier<@Nullable String> lastError,
			Consumer<Health.Builder> details) {
		super(what.failureMessage());
		this.what = what;
		this.degraded = degraded;
		this.lastError = lastError;
		this.details = details;
	}

	@Override
	protected final void doHealthCheck(Health.Builder builder) {
		boolean degradedNow = this.degraded.getAsBoolean();
		DegradedHealth.open(builder, degradedNow, degradedNow, this.what.storeKey(), this.what.store().get());
		this.details.accept(builder);
		DegradedHealth.close(builder, degradedNow ? this.what.degradedReason() : null, this.lastError.get());
	}

	/**
	 * The store an indicator reports.
	 *
	 * @param failureMessage logged when the check itself fails
	 * @param storeKey the key of the detail naming the store ({@code store},
	 * {@code sink})
	 * @param store its value
	 * @param degradedReason the {@code reason} detail while degraded
	 */
	public record What(String failureMessage, String storeKey, Supplier<Object> store, String degradedReason) {
	}

}
