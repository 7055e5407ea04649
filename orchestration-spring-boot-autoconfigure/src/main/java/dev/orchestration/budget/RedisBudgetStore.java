package dev.orchestration.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;







import java.util.function.Supplier;

import dev.orchestration.redis.RedisGuard;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Period totals in Redis, shared by every instance. {@link #tryAdd} is one Lua script that checks every counter
 * against its limit and, only if all fit, runs {@code INCRBYFLOAT} and {@code PEXPIREAT} on each: atomic across
 * instances, so concurrent reservations can never together pass a limit. Markers use {@code SET NX PX}.
 * <p>
 * Every Redis call is bounded by a timeout. When Redis fails or is slow, the store does not fail requests: it is
 * left alone for the retry interval and this instance accounts locally meanwhile, enforcing each limit against the
 * last total it saw in Redis plus what it spent itself since. Amounts accounted locally are added to Redis once it
 * answers again. {@link #isDegraded()} says so (health shows {@code DEGRADED}). A call that timed out may still
 * have been applied by Redis; it is then counted twice, which errs on the side of spending less.
 */
public class RedisBudgetStore implements BudgetStore, DisposableBean {

	private static final Log logger = LogFactory.getLog(RedisBudgetStore.class);

	/** KEYS: counters; ARGV[1]: amount; ARGV[1+i]: limit of KEYS[i] ("inf" for none); ARGV[1+n+i]: expiry ms. */
	static final String TRY_ADD = """
			local n = #KEYS
			local amount = tonumber(ARGV[1])
			for i = 1, n do
			  local limit = ARGV[1 + i]
			  if limit ~= 'inf' then
			    local current = tonumber(redis.call('GET', KEYS[i]) or '0')
			    if current + amount > tonumber(limit) + 1e-12 then
			      return {tostring(-i), tostring(current)}
			    end
			  end
			end
			local result = {'0'}
			for i = 1, n do
			  result[i + 1] = redis.call('INCRBYFLOAT', KEYS[i], ARGV[1])
			  redis.call('PEXPIREAT', KEYS[i], ARGV[1 + n + i])
			end
			return result
			""";

	private final StringRedisTemplate redis;

	private final String prefix;

	private final RedisGuard guard;

	private final Clock clock;

	private final RedisScript<List> script = new DefaultRedisScript<>(TRY_ADD, List.class);


	/** Amounts accounted while Redis was unavailable, not yet added to Redis. */
	private final InMemoryBudgetStore pending;

	/** The last total seen in Redis per key, the base of local enforcement while Redis is unavailable. */
	private final Map<String, Double> lastSeen = new ConcurrentHashMap<>();


	public RedisBudgetStore(StringRedisTemplate redis, String prefix, Duration timeout, Duration retryInterval,
			Clock clock) {
		this.redis = redis;
		this.prefix = prefix;
		this.pending = new InMemoryBudgetStore(clock);
		this.clock = clock;
		this.guard = new RedisGuard("budget store",
				"this instance enforces budgets with local accounting (last totals seen in Redis plus its own spend)",
				timeout, retryInterval, clock);
	}

	/**
	 * Opens the connection and loads the script in the background, so that the first request does not pay for
	 * connecting (which can take longer than the timeout and would start in degraded mode).
	 */
	public void warmUp() {
		this.guard.write(() -> {
			try {
				this.redis.execute(this.script, List.of(redisKey("warm-up")), "0", "inf", "0");
			}
			catch (RuntimeException ex) {
				logger.debug("Redis budget store warm-up failed", ex);
			}
		});
	}

	@Override
	public List<Double> addAll(List<Counter> counters, double amount) {
		Optional<List<Double>> result = call(() -> parse(run(counters, amount, false)).totals());
		if (result.isPresent()) {
			return result.get();
		}
		List<Double> local = this.pending.addAll(counters, amount);
		List<Double> totals = new ArrayList<>(counters.size());
		for (int i = 0; i < counters.size(); i++) {
			totals.add(base(counters.get(i).key()) + local.get(i));
		}
		return totals;
	}

	@Override
	public Reservation tryAdd(List<Counter> counters, double amount) {
		Optional<Reservation> result = call(() -> parse(run(counters, amount, true)));
		if (result.isPresent()) {
			return result.get();
		}
		List<Counter> shifted = counters.stream()
			.map((counter) -> new Counter(counter.key(), counter.limit() - base(counter.key()), counter.expireAt()))
			.toList();
		Reservation local = this.pending.tryAdd(shifted, amount);
		if (!local.accepted()) {
			String key = counters.get(local.refusedIndex()).key();
			return Reservation.refused(local.refusedIndex(), base(key) + local.totals().get(0));
		}
		List<Double> totals = new ArrayList<>(counters.size());
		for (int i = 0; i < counters.size(); i++) {
			totals.add(base(counters.get(i).key()) + local.totals().get(i));
		}
		return Reservation.accepted(totals);
	}

	@Override
	public List<Double> totals(List<String> keys) {
		Optional<List<Double>> result = call(() -> {
			List<String> values = this.redis.opsForValue().multiGet(keys.stream().map(this::redisKey).toList());
			List<Double> totals = new ArrayList<>(keys.size());
			for (int i = 0; i < keys.size(); i++) {
				String value = (values != null) ? values.get(i) : null;
				double total = (value != null) ? Double.parseDouble(value) : 0;
				this.lastSeen.put(keys.get(i), total);
				totals.add(total);
			}
			return totals;
		});
		if (result.isPresent()) {
			return result.get();
		}
		List<Double> local = this.pending.totals(keys);
		List<Double> totals = new ArrayList<>(keys.size());
		for (int i = 0; i < keys.size(); i++) {
			totals.add(base(keys.get(i)) + local.get(i));
		}
		return totals;
	}

	@Override
	public boolean markOnce(String key, Instant expireAt) {
		Duration ttl = Duration.between(this.clock.instant(), expireAt);
		if (ttl.isNegative() || ttl.isZero()) {
			ttl = Duration.ofSeconds(1);
		}
		Duration expiry = ttl;
		Optional<Boolean> result = call(
				() -> Boolean.TRUE.equals(this.redis.opsForValue().setIfAbsent(redisKey(key), "1", expiry)));
		return result.orElseGet(() -> this.pending.markOnce(key, expireAt));
	}

	@Override
	public String type() {
		return "redis";
	}

	/** Whether Redis is being left alone after a failure and this instance accounts locally. */
	@Override
	public boolean isDegraded() {
		return this.guard.isDegraded();
	}

	/** Whether amounts accounted locally wait to be added to Redis. */
	public boolean hasPendingAmounts() {
		return !this.pending.isEmpty();
	}

	public long failures() {
		return this.guard.failures();
	}

	public @Nullable String lastError() {
		return this.guard.lastError();
	}

	public String prefix() {
		return this.prefix;
	}

	private double base(String key) {
		return this.lastSeen.getOrDefault(key, 0d);
	}

	private String redisKey(String key) {
		return this.prefix + key;
	}

	private List<?> run(List<Counter> counters, double amount, boolean checkLimits) {
		int n = counters.size();
		List<String> keys = new ArrayList<>(n);
		Object[] args = new Object[1 + 2 * n];
		args[0] = Double.toString(amount);
		for (int i = 0; i < n; i++) {
			Counter counter = counters.get(i);
			keys.add(redisKey(counter.key()));
			args[1 + i] = (checkLimits && counter.limited()) ? Double.toString(counter.limit()) : "inf";
			args[1 + n + i] = Long.toString(counter.expireAt().toEpochMilli());
		}
		List<?> result = this.redis.execute(this.script, keys, args);
		if (result == null || result.isEmpty()) {
			throw new IllegalStateException("Unexpected reply of the budget script: " + result);
		}
		int status = (int) Double.parseDouble(String.valueOf(result.get(0)));
		if (status < 0) {
			this.lastSeen.put(counters.get(-status - 1).key(), Double.parseDouble(String.valueOf(result.get(1))));
		}
		else {
			for (int i = 0; i < n; i++) {
				this.lastSeen.put(counters.get(i).key(), Double.parseDouble(String.valueOf(result.get(i + 1))));
			}
		}
		return result;
	}

	private static Reservation parse(List<?> result) {
		int status = (int) Double.parseDouble(String.valueOf(result.get(0)));
		if (status < 0) {
			return Reservation.refused(-status - 1, Double.parseDouble(String.valueOf(result.get(1))));
		}
		List<Double> totals = new ArrayList<>(result.size() - 1);
		for (int i = 1; i < result.size(); i++) {
			totals.add(Double.parseDouble(String.valueOf(result.get(i))));
		}
		return Reservation.accepted(totals);
	}

	/** Runs a Redis operation within the timeout, first adding amounts accounted locally; empty when it failed. */
	private <T> Optional<T> call(Supplier<T> operation) {
		return this.guard.call(() -> {
			flushPending();
			return operation.get();
		});
	}

	private void flushPending() {
		if (this.pending.isEmpty()) {
			return;
		}
		int flushed = 0;
		for (Map.Entry<String, InMemoryBudgetStore.Entry> entry : this.pending.snapshot().entrySet()) {
			double amount = entry.getValue().total();
			if (amount != 0) {
				run(List.of(new Counter(entry.getKey(), Double.POSITIVE_INFINITY, entry.getValue().expireAt())),
						amount, false);
				this.pending.addAll(
						List.of(new Counter(entry.getKey(), Double.POSITIVE_INFINITY, entry.getValue().expireAt())),
						-amount);
				flushed++;
			}
			this.pending.removeIfZero(entry.getKey());
		}
		if (flushed > 0) {
			logger.info("Redis budget store is back: added " + flushed + " amounts accounted locally meanwhile");
		}
	}

	@Override
	public void destroy() {
		this.guard.destroy();
	}

}
