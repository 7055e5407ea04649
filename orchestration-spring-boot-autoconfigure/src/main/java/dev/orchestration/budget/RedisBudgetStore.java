package dev.orchestration.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
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
 * Period totals in Redis, shared by every instance. {@link #tryAdd} is one Lua script
 * that checks every counter against its limit and, only if all fit, runs
 * {@code INCRBYFLOAT} and {@code PEXPIREAT} on each: atomic across instances, so
 * concurrent reservations can never together pass a limit. Markers use {@code SET NX PX}.
 * <p>
 * Every Redis call is bounded by a timeout. When Redis fails or is slow, the store does
 * not fail requests: it is left alone for the retry interval and this instance accounts
 * locally meanwhile, enforcing each limit against the last total it saw in Redis plus
 * what it spent itself since. Amounts accounted locally are added to Redis once it
 * answers again. {@link #isDegraded()} says so (health shows {@code DEGRADED}).
 * <p>
 * Every write carries an id, and Redis keeps a marker per id for {@link #markerTtl} (one
 * script sets it with the amounts): a call that timed out may still have been applied by
 * Redis, so what it accounted locally is added back under the same id, which Redis
 * applies at most once; when this instance refused the request locally instead, the id is
 * cancelled (undone if Redis had applied it, and a late arrival of the call is then
 * ignored). Amounts accounted while Redis was not tried at all are sealed into one batch
 * with its own id before they are added, so a flush that times out is retried without
 * counting twice. The store therefore never holds more than this instance spent,
 * whichever calls timed out (it may hold less for the time a batch waits to be added).
 */
public class RedisBudgetStore implements BudgetStore, DisposableBean {

	private static final Log logger = LogFactory.getLog(RedisBudgetStore.class);

	/**
	 * KEYS: counters, then the id marker; ARGV[1]: amount; ARGV[1+i]: limit of KEYS[i]
	 * ("inf" for none); ARGV[1+n+i]: expiry ms; ARGV[2+2n]: marker expiry ms. A write
	 * whose id was seen already is not applied again.
	 */
	static final String TRY_ADD_ONCE = """
			local n = #KEYS - 1
			local marker = KEYS[n + 1]
			local amount = tonumber(ARGV[1])
			local result = {'0'}
			if redis.call('EXISTS', marker) == 1 then
			  for i = 1, n do
			    result[i + 1] = redis.call('GET', KEYS[i]) or '0'
			  end
			  return result
			end
			for i = 1, n do
			  local limit = ARGV[1 + i]
			  if limit ~= 'inf' then
			    local current = tonumber(redis.call('GET', KEYS[i]) or '0')
			    if current + amount > tonumber(limit) + 1e-12 then
			      return {tostring(-i), tostring(current)}
			    end
			  end
			end
			for i = 1, n do
			  result[i + 1] = redis.call('INCRBYFLOAT', KEYS[i], ARGV[1])
			  redis.call('PEXPIREAT', KEYS[i], ARGV[1 + n + i])
			end
			redis.call('SET', marker, '1', 'PX', ARGV[2 + 2 * n])
			return result
			""";

	/**
	 * Adds (ARGV[1] = "apply") or cancels (ARGV[1] = "cancel") the write of one id,
	 * idempotently. KEYS: the id marker, then counters; ARGV[2]: marker expiry ms;
	 * ARGV[2+i]: amount of KEYS[1+i]; ARGV[2+n+i]: its expiry ms. The marker is "1" once
	 * applied and "0" once cancelled.
	 */
	static final String SETTLE_ONCE = """
			local n = #KEYS - 1
			local state = redis.call('GET', KEYS[1])
			if ARGV[1] == 'apply' then
			  if state then return 0 end
			  for i = 1, n do
			    redis.call('INCRBYFLOAT', KEYS[1 + i], ARGV[2 + i])
			    redis.call('PEXPIREAT', KEYS[1 + i], ARGV[2 + n + i])
			  end
			  redis.call('SET', KEYS[1], '1', 'PX', ARGV[2])
			  return 1
			end
			if state == '1' then
			  for i = 1, n do
			    redis.call('INCRBYFLOAT', KEYS[1 + i], -tonumber(ARGV[2 + i]))
			  end
			end
			redis.call('SET', KEYS[1], '0', 'PX', ARGV[2])
			return 1
			""";

	private final StringRedisTemplate redis;

	private final String prefix;

	private final RedisGuard guard;

	private final Clock clock;

	private final RedisScript<List> script = new DefaultRedisScript<>(TRY_ADD_ONCE, List.class);

	private final RedisScript<Long> settleScript = new DefaultRedisScript<>(SETTLE_ONCE, Long.class);

	/** How long Redis remembers the id of a write (see the class comment). */
	private final Duration markerTtl;

	/**
	 * Writes with an id whose outcome in Redis is not known yet, to apply or cancel once
	 * Redis answers.
	 */
	private final List<Batch> unsettled = new CopyOnWriteArrayList<>();

	/**
	 * Guards moving amounts from {@link #pending} to {@link #unsettled} against local
	 * totals read meanwhile.
	 */
	private final Object localLock = new Object();

	private final ReentrantLock flushLock = new ReentrantLock();

	/** Amounts accounted while Redis was unavailable, not yet added to Redis. */
	private final InMemoryBudgetStore pending;

	/**
	 * The last total seen in Redis per key, the base of local enforcement while Redis is
	 * unavailable.
	 */
	private final Map<String, Double> lastSeen = new ConcurrentHashMap<>();

	public RedisBudgetStore(StringRedisTemplate redis, String prefix, Duration timeout, Duration retryInterval,
			Clock clock) {
		this.redis = redis;
		this.prefix = prefix;
		this.pending = new InMemoryBudgetStore(clock);
		this.clock = clock;
		this.markerTtl = markerTtl(retryInterval);
		this.guard = new RedisGuard("budget store",
				"this instance enforces budgets with local accounting (last totals seen in Redis plus its own spend)",
				timeout, retryInterval, clock);
	}

	/**
	 * Opens the connection and loads the script in the background, so that the first
	 * request does not pay for connecting (which can take longer than the timeout and
	 * would start in degraded mode).
	 */
	public void warmUp() {
		this.guard.write(() -> {
			try {
				this.redis.execute(this.script, List.of(redisKey("warm-up"), redisKey("warm-up-id")), "0", "inf", "0",
						"1");
			}
			catch (RuntimeException ex) {
				logger.debug("Redis budget store warm-up failed", ex);
			}
		});
	}

	@Override
	public List<Double> addAll(List<Counter> counters, double amount) {
		String id = newId();
		AtomicBoolean sent = new AtomicBoolean();
		Optional<List<Double>> result = call(() -> parse(run(counters, amount, false, id, sent)).totals());
		if (result.isPresent()) {
			return result.get();
		}
		synchronized (this.localLock) {
			if (sent.get()) {
				this.unsettled.add(Batch.of(id, true, counters, amount));
			}
			else {
				this.pending.addAll(counters, amount);
			}
			List<Double> totals = new ArrayList<>(counters.size());
			for (Counter counter : counters) {
				totals.add(localTotal(counter.key()));
			}
			return totals;
		}
	}

	@Override
	public Reservation tryAdd(List<Counter> counters, double amount) {
		String id = newId();
		AtomicBoolean sent = new AtomicBoolean();
		Optional<Reservation> result = call(() -> parse(run(counters, amount, true, id, sent)));
		if (result.isPresent()) {
			return result.get();
		}
		synchronized (this.localLock) {
			for (int i = 0; i < counters.size(); i++) {
				Counter counter = counters.get(i);
				double total = localTotal(counter.key());
				if (counter.limited() && total + amount > counter.limit() + InMemoryBudgetStore.EPSILON) {
					if (sent.get()) {
						// Redis may have applied it although this instance refuses: undo
						// it there
						this.unsettled.add(Batch.of(id, false, counters, amount));
					}
					return Reservation.refused(i, total);
				}
			}
			if (sent.get()) {
				this.unsettled.add(Batch.of(id, true, counters, amount));
			}
			else {
				this.pending.addAll(counters, amount);
			}
			List<Double> totals = new ArrayList<>(counters.size());
			for (Counter counter : counters) {
				totals.add(localTotal(counter.key()));
			}
			return Reservation.accepted(totals);
		}
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
		synchronized (this.localLock) {
			List<Double> totals = new ArrayList<>(keys.size());
			for (String key : keys) {
				totals.add(localTotal(key));
			}
			return totals;
		}
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

	/**
	 * Whether Redis is being left alone after a failure and this instance accounts
	 * locally.
	 */
	@Override
	public boolean isDegraded() {
		return this.guard.isDegraded();
	}

	/**
	 * Whether amounts accounted locally wait to be added to Redis (or writes of unknown
	 * outcome to be settled).
	 */
	public boolean hasPendingAmounts() {
		return !this.pending.isEmpty() || !this.unsettled.isEmpty();
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

	/**
	 * The last total seen in Redis plus what this instance accounted locally since
	 * (callers hold localLock).
	 */
	private double localTotal(String key) {
		double total = base(key) + this.pending.totals(List.of(key)).get(0);
		for (Batch batch : this.unsettled) {
			if (batch.apply()) {
				total += batch.amounts().getOrDefault(key, 0d);
			}
		}
		return total;
	}

	private static String newId() {
		return UUID.randomUUID().toString();
	}

	static Duration markerTtl(Duration retryInterval) {
		Duration scaled = retryInterval.multipliedBy(20);
		Duration floor = Duration.ofMinutes(10);
		return (scaled.compareTo(floor) > 0) ? scaled : floor;
	}

	private String redisKey(String key) {
		return this.prefix + key;
	}

	private List<?> run(List<Counter> counters, double amount, boolean checkLimits, String id, AtomicBoolean sent) {
		int n = counters.size();
		List<String> keys = new ArrayList<>(n + 1);
		Object[] args = new Object[2 + 2 * n];
		args[0] = Double.toString(amount);
		for (int i = 0; i < n; i++) {
			Counter counter = counters.get(i);
			keys.add(redisKey(counter.key()));
			args[1 + i] = (checkLimits && counter.limited()) ? Double.toString(counter.limit()) : "inf";
			args[1 + n + i] = Long.toString(counter.expireAt().toEpochMilli());
		}
		keys.add(idKey(id));
		args[1 + 2 * n] = Long.toString(this.markerTtl.toMillis());
		sent.set(true);
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

	/**
	 * Runs a Redis operation within the timeout, first adding amounts accounted locally;
	 * empty when it failed.
	 */
	private <T> Optional<T> call(Supplier<T> operation) {
		return this.guard.call(() -> {
			flushPending();
			return operation.get();
		});
	}

	private String idKey(String id) {
		return this.prefix + "id:" + id;
	}

	/**
	 * Seals the amounts accounted locally into one batch with an id, then applies or
	 * cancels every batch of unknown outcome, each at most once (a batch leaves the list
	 * only once Redis answered). One thread flushes at a time; the others go on without
	 * waiting.
	 */
	private void flushPending() {
		if (this.pending.isEmpty() && this.unsettled.isEmpty()) {
			return;
		}
		if (!this.flushLock.tryLock()) {
			return;
		}
		try {
			synchronized (this.localLock) {
				Map<String, InMemoryBudgetStore.Entry> amounts = this.pending.snapshot();
				if (!amounts.isEmpty()) {
					this.unsettled.add(new Batch(newId(), true, amounts));
					for (Map.Entry<String, InMemoryBudgetStore.Entry> entry : amounts.entrySet()) {
						this.pending.addAll(List
							.of(new Counter(entry.getKey(), Double.POSITIVE_INFINITY, entry.getValue().expireAt())),
								-entry.getValue().total());
						this.pending.removeIfZero(entry.getKey());
					}
				}
			}
			int settled = 0;
			for (Batch batch : this.unsettled) {
				settle(batch);
				this.unsettled.remove(batch);
				settled++;
			}
			if (settled > 0) {
				logger.info("Redis budget store is back: settled " + settled
						+ " batches of amounts accounted locally meanwhile");
			}
		}
		finally {
			this.flushLock.unlock();
		}
	}

	private void settle(Batch batch) {
		List<String> keys = new ArrayList<>(batch.amounts().size() + 1);
		keys.add(idKey(batch.id()));
		List<String> amounts = new ArrayList<>();
		List<String> expiries = new ArrayList<>();
		batch.entries().forEach((key, entry) -> {
			keys.add(redisKey(key));
			amounts.add(Double.toString(entry.total()));
			expiries.add(Long.toString(entry.expireAt().toEpochMilli()));
		});
		List<Object> args = new ArrayList<>();
		args.add(batch.apply() ? "apply" : "cancel");
		args.add(Long.toString(this.markerTtl.toMillis()));
		args.addAll(amounts);
		args.addAll(expiries);
		Long result = this.redis.execute(this.settleScript, keys, args.toArray());
		if (result == null) {
			throw new IllegalStateException("Unexpected reply of the budget settle script");
		}
	}

	/**
	 * A write with an id: amounts per counter key, to apply in Redis at most once, or to
	 * cancel there.
	 */
	record Batch(String id, boolean apply, Map<String, InMemoryBudgetStore.Entry> entries) {

		static Batch of(String id, boolean apply, List<Counter> counters, double amount) {
			Map<String, InMemoryBudgetStore.Entry> entries = new java.util.LinkedHashMap<>();
			for (Counter counter : counters) {
				entries.put(counter.key(), new InMemoryBudgetStore.Entry(amount, counter.expireAt()));
			}
			return new Batch(id, apply, entries);
		}

		Map<String, Double> amounts() {
			Map<String, Double> amounts = new java.util.HashMap<>();
			this.entries.forEach((key, entry) -> amounts.put(key, entry.total()));
			return amounts;
		}

	}

	@Override
	public void destroy() {
		this.guard.destroy();
	}

}
