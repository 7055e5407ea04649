package dev.orchestration.budget.internal;

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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import dev.orchestration.budget.BudgetStore;
import dev.orchestration.redis.internal.RedisGuard;
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
 * <p>
 * A Redis restarted without persistence (or flushed) forgets the period totals. Redis
 * keeps an epoch key ({@code <prefix>epoch}, a random id set by the first script that
 * finds it missing); every script names the epoch this instance last saw and, per
 * counter, the last total it saw there (its floor). When the epoch differs (Redis lost
 * its keys since this instance last talked to it), the script first raises each counter
 * to its floor ({@code max}, never adding) and then applies the write; this instance then
 * re-seeds every other counter it knows the same way. So after a restart every counter is
 * at least what any live instance last saw, each instance's own spend since included.
 * Deleting a counter by hand (resetting a tenant) leaves the epoch alone and is not
 * undone.
 */
public class RedisBudgetStore implements BudgetStore, DisposableBean {

	private static final Log logger = LogFactory.getLog(RedisBudgetStore.class);

	/**
	 * Lua prologue shared by the scripts: reads the epoch (setting it when missing) and
	 * raises each counter by what its floor (a total seen in an earlier epoch) adds to
	 * the floors merged into it already ({@code <key>:seed}, the highest such floor): the
	 * counter then holds the highest floor plus everything added since the restart, and
	 * merging the same floor twice changes nothing. Returns the epoch.
	 */
	static final String MERGE_FLOORS = """
			local function merge_floors(epoch_key, candidate, keys, floors, floor_epochs, expiries)
			  local epoch = redis.call('GET', epoch_key)
			  if not epoch then
			    redis.call('SET', epoch_key, candidate)
			    epoch = candidate
			  end
			  for i = 1, #keys do
			    local floor = tonumber(floors[i])
			    if floor > 0 and floor_epochs[i] ~= '' and floor_epochs[i] ~= epoch and expiries[i] ~= '0' then
			      local seed_key = keys[i] .. ':seed'
			      local seed = tonumber(redis.call('GET', seed_key) or '0')
			      if floor > seed then
			        redis.call('INCRBYFLOAT', keys[i], tostring(floor - seed))
			        redis.call('SET', seed_key, floors[i])
			        redis.call('PEXPIREAT', keys[i], expiries[i])
			        redis.call('PEXPIREAT', seed_key, expiries[i])
			      end
			    end
			  end
			  return epoch
			end
			local function slice(from, count)
			  local values = {}
			  for i = 1, count do
			    values[i] = ARGV[from + i]
			  end
			  return values
			end
			""";

	/**
	 * KEYS: n counters, the id marker, the epoch key; ARGV[1]: amount; ARGV[1+i]: limit
	 * of KEYS[i] ("inf" for none); ARGV[1+n+i]: expiry ms; ARGV[2+2n]: marker expiry ms;
	 * ARGV[3+2n]: a new epoch id in case there is none; ARGV[3+2n+i]: the floor of
	 * KEYS[i]; ARGV[3+3n+i]: the epoch the floor was seen in ("" for none). A write whose
	 * id was seen already is not applied again. Reply: status (0, or -i when KEYS[i]
	 * refused), the epoch, then the totals (the refusing counter's total only when
	 * refused).
	 */
	static final String TRY_ADD_ONCE = MERGE_FLOORS + """
			local n = #KEYS - 2
			local marker = KEYS[n + 1]
			local counters = {}
			for i = 1, n do counters[i] = KEYS[i] end
			local epoch = merge_floors(KEYS[n + 2], ARGV[3 + 2 * n], counters, slice(3 + 2 * n, n),
			  slice(3 + 3 * n, n), slice(1 + n, n))
			local amount = tonumber(ARGV[1])
			local result = {'0', epoch}
			if redis.call('EXISTS', marker) == 1 then
			  for i = 1, n do
			    result[i + 2] = redis.call('GET', KEYS[i]) or '0'
			  end
			  return result
			end
			for i = 1, n do
			  local limit = ARGV[1 + i]
			  if limit ~= 'inf' then
			    local current = tonumber(redis.call('GET', KEYS[i]) or '0')
			    if current + amount > tonumber(limit) + 1e-12 then
			      return {tostring(-i), epoch, tostring(current)}
			    end
			  end
			end
			for i = 1, n do
			  result[i + 2] = redis.call('INCRBYFLOAT', KEYS[i], ARGV[1])
			  redis.call('PEXPIREAT', KEYS[i], ARGV[1 + n + i])
			end
			redis.call('SET', marker, '1', 'PX', ARGV[2 + 2 * n])
			return result
			""";

	/**
	 * Adds (ARGV[1] = "apply") or cancels (ARGV[1] = "cancel") the write of one id,
	 * idempotently. KEYS: the id marker, then n counters, then the epoch key; ARGV[2]:
	 * marker expiry ms; ARGV[2+i]: amount of KEYS[1+i]; ARGV[2+n+i]: its expiry ms;
	 * ARGV[3+2n]: a new epoch id; ARGV[3+2n+i]: the floor of KEYS[1+i]; ARGV[3+3n+i]: the
	 * epoch it was seen in. The marker is "1" once applied and "0" once cancelled. Reply:
	 * the epoch.
	 */
	static final String SETTLE_ONCE = MERGE_FLOORS + """
			local n = #KEYS - 2
			local counters = {}
			for i = 1, n do counters[i] = KEYS[1 + i] end
			local epoch = merge_floors(KEYS[n + 2], ARGV[3 + 2 * n], counters, slice(3 + 2 * n, n),
			  slice(3 + 3 * n, n), slice(2 + n, n))
			local state = redis.call('GET', KEYS[1])
			if ARGV[1] == 'apply' then
			  if state then return epoch end
			  for i = 1, n do
			    redis.call('INCRBYFLOAT', KEYS[1 + i], ARGV[2 + i])
			    redis.call('PEXPIREAT', KEYS[1 + i], ARGV[2 + n + i])
			  end
			  redis.call('SET', KEYS[1], '1', 'PX', ARGV[2])
			  return epoch
			end
			if state == '1' then
			  for i = 1, n do
			    redis.call('INCRBYFLOAT', KEYS[1 + i], -tonumber(ARGV[2 + i]))
			  end
			end
			redis.call('SET', KEYS[1], '0', 'PX', ARGV[2])
			return epoch
			""";

	/**
	 * Reads totals, merging floors first. KEYS: n counters, then the epoch key; ARGV[1]:
	 * a new epoch id; ARGV[1+i]: the floor of KEYS[i]; ARGV[1+n+i]: the epoch it was seen
	 * in; ARGV[1+2n+i]: its expiry ms ("0" when not known: not merged). Reply: the epoch,
	 * then the totals.
	 */
	static final String READ_TOTALS = MERGE_FLOORS
			+ """
					local n = #KEYS - 1
					local counters = {}
					for i = 1, n do counters[i] = KEYS[i] end
					local result = {merge_floors(KEYS[n + 1], ARGV[1], counters, slice(1, n), slice(1 + n, n), slice(1 + 2 * n, n))}
					for i = 1, n do
					  result[i + 1] = redis.call('GET', KEYS[i]) or '0'
					end
					return result
					""";

	private final StringRedisTemplate redis;

	private final String prefix;

	private final RedisGuard guard;

	private final Clock clock;

	private final RedisScript<List> script = new DefaultRedisScript<>(TRY_ADD_ONCE, List.class);

	private final RedisScript<String> settleScript = new DefaultRedisScript<>(SETTLE_ONCE, String.class);

	private final RedisScript<List> readScript = new DefaultRedisScript<>(READ_TOTALS, List.class);

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
	 * unavailable and the floor re-seeded into a Redis that lost its keys.
	 */
	private final Map<String, Seen> lastSeen = new ConcurrentHashMap<>();

	/**
	 * The epoch of the Redis this instance last talked to, null before the first reply.
	 */
	private final AtomicReference<@Nullable String> epoch = new AtomicReference<>();

	/** Counters re-seeded after Redis was found to have lost its keys. */
	private final AtomicLong reseeded = new AtomicLong();

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
				read(List.of());
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
		Optional<List<Double>> result = call(() -> read(keys));
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

	/**
	 * How many counters this instance raised to its last known totals after finding that
	 * Redis had lost them (restart without persistence, flush).
	 */
	public long reseededCounters() {
		return this.reseeded.get();
	}

	private double base(String key) {
		Seen seen = this.lastSeen.get(key);
		return (seen != null) ? seen.total() : 0;
	}

	/**
	 * Fills the floor arguments of a script for the given keys: at {@code at} the floors,
	 * at {@code at + n} the epochs they were seen in.
	 */
	private void floors(List<String> keys, Object[] args, int at) {
		int n = keys.size();
		for (int i = 0; i < n; i++) {
			Seen seen = this.lastSeen.get(keys.get(i));
			args[at + i] = Double.toString((seen != null) ? seen.total() : 0);
			args[at + n + i] = (seen != null) ? seen.epoch() : "";
		}
	}

	private void seen(String key, double total, @Nullable Instant expireAt, String epoch) {
		this.lastSeen.compute(key, (k, previous) -> new Seen(total,
				(expireAt != null) ? expireAt : (previous != null) ? previous.expireAt() : null, epoch));
	}

	private String epochKey() {
		return this.prefix + "epoch";
	}

	/**
	 * Notes the epoch of a reply. When it changed (Redis lost its keys since this
	 * instance last talked to it), the counters of the script that saw it were raised
	 * already; every other counter this instance knows is raised here.
	 */
	private void learnEpoch(String current) {
		String known = this.epoch.get();
		if (current.equals(known) || !this.epoch.compareAndSet(known, current)) {
			return;
		}
		if (known == null) {
			return;
		}
		Instant now = this.clock.instant();
		this.lastSeen.entrySet().removeIf((entry) -> entry.getValue().expired(now));
		List<String> keys = this.lastSeen.entrySet()
			.stream()
			.filter((entry) -> !entry.getValue().epoch().equals(current))
			.map(Map.Entry::getKey)
			.toList();
		read(keys);
		this.reseeded.addAndGet(keys.size());
		logger.warn("Redis lost the budget counters (restarted without persistence, or flushed): re-seeded the "
				+ "counters of this call and " + keys.size() + " more with the totals this instance last saw there; "
				+ "spend known only to instances that are gone is lost (run a budget Redis with appendonly yes)");
	}

	/** Reads totals through the script that merges floors first. */
	private List<Double> read(List<String> keys) {
		int n = keys.size();
		List<String> redisKeys = new ArrayList<>(n + 1);
		Object[] args = new Object[1 + 3 * n];
		args[0] = newId();
		floors(keys, args, 1);
		for (int i = 0; i < n; i++) {
			String key = keys.get(i);
			redisKeys.add(redisKey(key));
			Seen seen = this.lastSeen.get(key);
			args[1 + 2 * n + i] = (seen != null && seen.expireAt() != null)
					? Long.toString(seen.expireAt().toEpochMilli()) : "0";
		}
		redisKeys.add(epochKey());
		List<?> values = this.redis.execute(this.readScript, redisKeys, args);
		if (values == null || values.size() != n + 1) {
			throw new IllegalStateException("Unexpected reply of the budget read script: " + values);
		}
		String current = String.valueOf(values.get(0));
		List<Double> totals = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			double total = Double.parseDouble(String.valueOf(values.get(i + 1)));
			seen(keys.get(i), total, null, current);
			totals.add(total);
		}
		learnEpoch(current);
		return totals;
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
		List<String> keys = new ArrayList<>(n + 2);
		Object[] args = new Object[3 + 4 * n];
		args[0] = Double.toString(amount);
		for (int i = 0; i < n; i++) {
			Counter counter = counters.get(i);
			keys.add(redisKey(counter.key()));
			args[1 + i] = (checkLimits && counter.limited()) ? Double.toString(counter.limit()) : "inf";
			args[1 + n + i] = Long.toString(counter.expireAt().toEpochMilli());
		}
		args[1 + 2 * n] = Long.toString(this.markerTtl.toMillis());
		args[2 + 2 * n] = newId();
		floors(counters.stream().map(Counter::key).toList(), args, 3 + 2 * n);
		keys.add(idKey(id));
		keys.add(epochKey());
		sent.set(true);
		List<?> result = this.redis.execute(this.script, keys, args);
		if (result == null || result.size() < 3) {
			throw new IllegalStateException("Unexpected reply of the budget script: " + result);
		}
		String current = String.valueOf(result.get(1));
		int status = (int) Double.parseDouble(String.valueOf(result.get(0)));
		if (status < 0) {
			Counter refusing = counters.get(-status - 1);
			seen(refusing.key(), Double.parseDouble(String.valueOf(result.get(2))), refusing.expireAt(), current);
		}
		else {
			for (int i = 0; i < n; i++) {
				seen(counters.get(i).key(), Double.parseDouble(String.valueOf(result.get(i + 2))),
						counters.get(i).expireAt(), current);
			}
		}
		learnEpoch(current);
		return result;
	}

	private static Reservation parse(List<?> result) {
		int status = (int) Double.parseDouble(String.valueOf(result.get(0)));
		if (status < 0) {
			return Reservation.refused(-status - 1, Double.parseDouble(String.valueOf(result.get(2))));
		}
		List<Double> totals = new ArrayList<>(result.size() - 2);
		for (int i = 2; i < result.size(); i++) {
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
		int n = batch.entries().size();
		List<String> keys = new ArrayList<>(n + 2);
		List<String> logical = new ArrayList<>(n);
		Object[] args = new Object[3 + 4 * n];
		args[0] = batch.apply() ? "apply" : "cancel";
		args[1] = Long.toString(this.markerTtl.toMillis());
		keys.add(idKey(batch.id()));
		int i = 0;
		for (Map.Entry<String, InMemoryBudgetStore.Entry> entry : batch.entries().entrySet()) {
			keys.add(redisKey(entry.getKey()));
			logical.add(entry.getKey());
			args[2 + i] = Double.toString(entry.getValue().total());
			args[2 + n + i] = Long.toString(entry.getValue().expireAt().toEpochMilli());
			i++;
		}
		args[2 + 2 * n] = newId();
		floors(logical, args, 3 + 2 * n);
		keys.add(epochKey());
		String result = this.redis.execute(this.settleScript, keys, args);
		if (result == null) {
			throw new IllegalStateException("Unexpected reply of the budget settle script");
		}
		learnEpoch(result);
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

	/**
	 * The last total seen in Redis for a key, when the key expires (null if unknown) and
	 * the epoch of Redis it was seen in.
	 */
	record Seen(double total, @Nullable Instant expireAt, String epoch) {

		boolean expired(Instant now) {
			return this.expireAt != null && !now.isBefore(this.expireAt);
		}

	}

	@Override
	public void destroy() {
		this.guard.destroy();
	}

}
