package dev.orchestration.review.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.orchestration.cascade.ReviewTicket;
import dev.orchestration.redis.internal.RedisGuard;
import dev.orchestration.review.Review;
import dev.orchestration.review.ReviewQueue;
import dev.orchestration.review.ReviewRequest;
import dev.orchestration.review.ReviewResolution;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Reviews in a Redis Stream shared by every instance ({@code <prefix>requests}, one entry
 * per review with fields {@code id} and {@code request}, the JSON of the
 * {@link ReviewRequest}), trimmed to the newest {@code capacity} entries; a review tool
 * may read the stream with its own consumer group. A resolution is a key
 * {@code <prefix>resolution:<id>} written with {@code SET NX} (the first resolution wins
 * across instances) that expires after the retention.
 * <p>
 * Every call is bounded by the guard's timeout. While Redis fails, submitted reviews are
 * held in this instance (at most {@code holdCapacity}, then dropped) and added to the
 * stream once Redis answers again; the request is served either way, and the
 * {@code llmreview} health contributor says the queue is degraded.
 */
public class RedisReviewQueue implements ReviewQueue, DisposableBean {

	/**
	 * KEYS[1]: stream; ARGV: capacity, id, request JSON. Returns the length before the
	 * add.
	 */
	static final String ADD = """
			local before = redis.call('XLEN', KEYS[1])
			redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[1], '*', 'id', ARGV[2], 'request', ARGV[3])
			return before
			""";

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final StringRedisTemplate redis;

	private final String prefix;

	private final int capacity;

	private final int holdCapacity;

	private final Duration retention;

	private final RedisGuard guard;

	private final ReviewMetrics metrics;

	private final RedisScript<Long> add = new DefaultRedisScript<>(ADD, Long.class);

	private final Deque<ReviewRequest> held = new ArrayDeque<>();

	public RedisReviewQueue(StringRedisTemplate redis, String prefix, int capacity, int holdCapacity,
			Duration retention, Duration timeout, Duration retryInterval, ReviewMetrics metrics, Clock clock) {
		this.redis = redis;
		this.prefix = prefix;
		this.capacity = capacity;
		this.holdCapacity = holdCapacity;
		this.retention = retention;
		this.metrics = metrics;
		this.guard = new RedisGuard("review queue",
				"reviews are held in this instance and added to the stream once Redis answers", timeout, retryInterval,
				clock);
	}

	/**
	 * Opens the connection in the background, so that the first review does not pay for
	 * connecting (which can take longer than the timeout and would start in degraded
	 * mode).
	 */
	public void warmUp() {
		this.guard.write(() -> this.redis.opsForStream().size(streamKey()));
	}

	@Override
	public ReviewTicket.Status submit(ReviewRequest request) {
		String json = MAPPER.writeValueAsString(request);
		if (this.guard.call(() -> append(request.id(), json)).isPresent()) {
			flushHeld();
			return ReviewTicket.Status.QUEUED;
		}
		synchronized (this.held) {
			if (this.held.size() >= this.holdCapacity) {
				return ReviewTicket.Status.DROPPED;
			}
			this.held.addLast(request);
			return ReviewTicket.Status.HELD_LOCALLY;
		}
	}

	@Override
	public List<Review> open(int limit) {
		return all().stream().filter(Review::isOpen).limit(limit).toList();
	}

	@Override
	public List<Review> resolved(int limit) {
		return all().stream().filter((r) -> !r.isOpen()).limit(limit).toList();
	}

	@Override
	public Optional<Review> find(String id) {
		return all().stream().filter((r) -> r.id().equals(id)).findFirst();
	}

	@Override
	public Resolution resolve(String id, ReviewResolution resolution) {
		Review review = find(id).orElse(null);
		if (review == null) {
			return new Resolution(Resolution.Result.NOT_FOUND, null);
		}
		if (!review.isOpen()) {
			return new Resolution(Resolution.Result.ALREADY_RESOLVED, review);
		}
		String json = MAPPER.writeValueAsString(resolution);
		Boolean written = this.guard
			.call(() -> this.redis.opsForValue()
				.setIfAbsent(resolutionKey(id), json, this.retention.toMillis(), TimeUnit.MILLISECONDS))
			.orElseThrow(() -> new IllegalStateException("Redis review queue unavailable: try again later"));
		if (Boolean.TRUE.equals(written)) {
			return new Resolution(Resolution.Result.RESOLVED, new Review(review.request(), resolution));
		}
		return new Resolution(Resolution.Result.ALREADY_RESOLVED, find(id).orElse(review));
	}

	/** Whether Redis is being left alone after a failure. */
	public boolean isDegraded() {
		return this.guard.isDegraded();
	}

	public long failures() {
		return this.guard.failures();
	}

	public @Nullable String lastError() {
		return this.guard.lastError();
	}

	/** Reviews held in this instance until Redis answers. */
	public int held() {
		synchronized (this.held) {
			return this.held.size();
		}
	}

	private Long append(String id, String json) {
		Long before = this.redis.execute(this.add, List.of(streamKey()), String.valueOf(this.capacity), id, json);
		long evicted = (before != null) ? Math.max(0, before + 1 - this.capacity) : 0;
		if (evicted > 0) {
			this.metrics.evicted("redis", evicted);
		}
		return (before != null) ? before : 0L;
	}

	private void flushHeld() {
		while (true) {
			ReviewRequest next;
			synchronized (this.held) {
				next = this.held.peekFirst();
			}
			if (next == null) {
				return;
			}
			String json = MAPPER.writeValueAsString(next);
			if (this.guard.call(() -> append(next.id(), json)).isEmpty()) {
				return;
			}
			synchronized (this.held) {
				this.held.remove(next);
			}
		}
	}

	/**
	 * Every review in the stream (oldest first) with its resolution, then the ones held
	 * here.
	 */
	private List<Review> all() {
		List<Review> reviews = new ArrayList<>();
		if (!this.guard.isDegraded()) {
			flushHeld();
		}
		List<ReviewRequest> requests = this.guard.call(this::readStream).orElse(List.of());
		if (!requests.isEmpty()) {
			List<String> keys = requests.stream().map((r) -> resolutionKey(r.id())).toList();
			List<String> resolutions = this.guard.call(() -> this.redis.opsForValue().multiGet(keys))
				.orElseThrow(() -> new IllegalStateException("Redis review queue unavailable: try again later"));
			for (int i = 0; i < requests.size(); i++) {
				String resolution = (i < resolutions.size()) ? resolutions.get(i) : null;
				reviews.add(new Review(requests.get(i),
						(resolution != null) ? MAPPER.readValue(resolution, ReviewResolution.class) : null));
			}
		}
		synchronized (this.held) {
			this.held.forEach((request) -> reviews.add(new Review(request, null)));
		}
		return reviews;
	}

	private List<ReviewRequest> readStream() {
		List<MapRecord<String, Object, Object>> records = this.redis.opsForStream()
			.range(streamKey(), Range.unbounded());
		List<ReviewRequest> requests = new ArrayList<>();
		if (records != null) {
			for (MapRecord<String, Object, Object> record : records) {
				Map<Object, Object> fields = record.getValue();
				Object json = fields.get("request");
				if (json != null) {
					requests.add(MAPPER.readValue(json.toString(), ReviewRequest.class));
				}
			}
		}
		return requests;
	}

	private String streamKey() {
		return this.prefix + "requests";
	}

	private String resolutionKey(String id) {
		return this.prefix + "resolution:" + id;
	}

	@Override
	public void destroy() {
		this.guard.destroy();
	}

}
