package dev.orchestration.cache.redis;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.orchestration.cache.semantic.SemanticIndex;
import dev.orchestration.cache.semantic.SemanticMatch;
import dev.orchestration.redis.internal.RedisGuard;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * A semantic index on plain Redis (no search module): vectors live in Redis with the
 * entries' expiry, and each instance keeps a local index in step with it: loaded at
 * start, updated when another instance writes (pub/sub), expired entries never matched.
 * Searches are local, so a lookup costs no Redis round trip.
 * <p>
 * Start-up does not depend on Redis: the subscription and the initial load run on a
 * background thread (start-up waits for that first attempt at most the retry interval, so
 * a healthy Redis is loaded before the first request), and when Redis is slow or down
 * they are tried again every retry interval until they succeed. Meanwhile the index
 * serves what this instance added itself (misses otherwise), {@link #isSubscribed()} is
 * false, and health and the {@code llm.cache.semantic.subscribed} gauge say so.
 */
public class RedisSemanticIndex implements SemanticIndex, InitializingBean, DisposableBean, MessageListener {

	private static final Log logger = LogFactory.getLog(RedisSemanticIndex.class);

	private final SemanticIndex local;

	private final StringRedisTemplate redis;

	private final RedisConnectionFactory connectionFactory;

	private final String keyPrefix;

	private final String channel;

	private final RedisGuard guard;

	private final Clock clock;

	private final String instanceId = UUID.randomUUID().toString();

	private final VectorCodec codec = new VectorCodec();

	private final Duration retryInterval;

	private final ScheduledExecutorService subscriber = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "llm-cache-redis-subscriber");
		thread.setDaemon(true);
		return thread;
	});

	private volatile boolean subscribed;

	private volatile int failedAttempts;

	private RedisMessageListenerContainer listener;

	public RedisSemanticIndex(SemanticIndex local, StringRedisTemplate redis, RedisConnectionFactory connectionFactory,
			String prefix, RedisGuard guard, Clock clock) {
		this(local, redis, connectionFactory, prefix, guard, clock, Duration.ofSeconds(5));
	}

	/**
	 * An index on Redis.
	 * @param retryInterval how long to wait before subscribing again after Redis failed
	 * to answer
	 */
	public RedisSemanticIndex(SemanticIndex local, StringRedisTemplate redis, RedisConnectionFactory connectionFactory,
			String prefix, RedisGuard guard, Clock clock, Duration retryInterval) {
		this.retryInterval = retryInterval;
		this.local = local;
		this.redis = redis;
		this.connectionFactory = connectionFactory;
		this.keyPrefix = prefix + "vector:";
		this.channel = prefix + "vector-events";
		this.guard = guard;
		this.clock = clock;
	}

	@Override
	public void afterPropertiesSet() {
		this.listener = new RedisMessageListenerContainer();
		this.listener.setConnectionFactory(this.connectionFactory);
		this.listener.addMessageListener(this, new ChannelTopic(this.channel));
		this.listener.afterPropertiesSet();
		java.util.concurrent.CountDownLatch firstAttempt = new java.util.concurrent.CountDownLatch(1);
		this.subscriber.execute(() -> {
			try {
				subscribe();
			}
			finally {
				firstAttempt.countDown();
			}
		});
		try {
			firstAttempt.await(this.retryInterval.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Whether the pub/sub subscription is up and the vectors in Redis were loaded. */
	public boolean isSubscribed() {
		return this.subscribed;
	}

	/** Subscribes and loads; on failure, tries again after the retry interval. */
	void subscribe() {
		try {
			this.listener.start();
			if (!this.listener.isListening()) {
				throw new IllegalStateException("subscription not established");
			}
			loadAll();
			this.subscribed = true;
			if (this.failedAttempts > 0) {
				logger.info("Redis semantic cache index subscribed after " + this.failedAttempts + " failed attempts");
			}
		}
		catch (RuntimeException ex) {
			if (this.failedAttempts++ == 0) {
				logger.warn("Redis semantic cache index could not subscribe (" + ex.getClass().getSimpleName()
						+ "); serving this instance's own entries and misses, trying again every "
						+ this.retryInterval);
			}
			try {
				this.listener.stop();
			}
			catch (RuntimeException stopFailure) {
				logger.debug("Stopping the listener container failed", stopFailure);
			}
			try {
				this.subscriber.schedule(this::subscribe, this.retryInterval.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
				// destroyed meanwhile
			}
		}
	}

	/** Loads every vector stored in Redis into the local index. */
	void loadAll() {
		int loaded = 0;
		try (Cursor<String> keys = this.redis
			.scan(ScanOptions.scanOptions().match(this.keyPrefix + "*").count(500).build())) {
			while (keys.hasNext()) {
				VectorCodec.IndexedVector vector = this.codec.decode(this.redis.opsForValue().get(keys.next()));
				if (vector != null && vector.expiresAt().isAfter(this.clock.instant())) {
					this.local.add(vector.scope(), vector.entryId(), vector.vector(), vector.expiresAt());
					loaded++;
				}
			}
			logger.debug("Loaded " + loaded + " semantic cache vectors from Redis");
		}
		catch (RuntimeException ex) {
			logger.warn("Could not load semantic cache vectors from Redis (" + ex.getClass().getSimpleName()
					+ "); starting with an empty local index");
		}
	}

	@Override
	public void add(String scope, String entryId, float[] vector, Instant expiresAt) {
		this.local.add(scope, entryId, vector, expiresAt);
		Duration ttl = Duration.between(this.clock.instant(), expiresAt);
		if (ttl.isNegative() || ttl.isZero()) {
			return;
		}
		String key = key(scope, entryId);
		String json = this.codec.encode(new VectorCodec.IndexedVector(scope, entryId, vector, expiresAt));
		this.guard.write(() -> {
			this.redis.opsForValue().set(key, json, ttl);
			this.redis.convertAndSend(this.channel, this.instanceId + " add " + key);
		});
	}

	@Override
	public Optional<SemanticMatch> nearest(String scope, float[] vector, double minSimilarity) {
		return this.local.nearest(scope, vector, minSimilarity);
	}

	@Override
	public void remove(String scope, String entryId) {
		this.local.remove(scope, entryId);
		String key = key(scope, entryId);
		this.guard.write(() -> {
			this.redis.delete(key);
			this.redis.convertAndSend(this.channel, this.instanceId + " remove " + scope + " " + entryId);
		});
	}

	@Override
	public void clear(String scope) {
		this.local.clear(scope);
		this.guard.write(() -> {
			RedisResponseCacheStore.deleteMatching(this.redis, this.keyPrefix + scope + ":*");
			this.redis.convertAndSend(this.channel, this.instanceId + " clear " + scope);
		});
	}

	@Override
	public long size() {
		return this.local.size();
	}

	@Override
	public void onMessage(Message message, byte[] pattern) {
		String[] parts = new String(message.getBody(), StandardCharsets.UTF_8).split(" ");
		if (parts.length < 3 || this.instanceId.equals(parts[0])) {
			return;
		}
		switch (parts[1]) {
			case "add" -> this.guard.write(() -> {
				VectorCodec.IndexedVector vector = this.codec.decode(this.redis.opsForValue().get(parts[2]));
				if (vector != null) {
					this.local.add(vector.scope(), vector.entryId(), vector.vector(), vector.expiresAt());
				}
			});
			case "remove" -> {
				if (parts.length == 4) {
					this.local.remove(parts[2], parts[3]);
				}
			}
			case "clear" -> this.local.clear(parts[2]);
			default -> {
			}
		}
	}

	private String key(String scope, String entryId) {
		return this.keyPrefix + scope + ":" + entryId;
	}

	@Override
	public void destroy() throws Exception {
		this.subscriber.shutdownNow();
		if (this.listener != null) {
			this.listener.destroy();
		}
	}

}
