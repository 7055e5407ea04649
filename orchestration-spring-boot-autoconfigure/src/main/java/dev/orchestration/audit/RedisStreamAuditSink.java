package dev.orchestration.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Appends each record to a Redis Stream shared by every instance
 * ({@code XADD <key> MAXLEN ~ <max> * ...}): the fields {@code outcome}, {@code tenant}
 * and {@code record} (the JSON line). Read it with {@code XRANGE} or a consumer group.
 * Works on plain Redis 5+.
 */
public class RedisStreamAuditSink implements RoutingAuditSink {

	private final StringRedisTemplate redis;

	private final String streamKey;

	private final long maxLength;

	public RedisStreamAuditSink(StringRedisTemplate redis, String streamKey, long maxLength) {
		this.redis = redis;
		this.streamKey = streamKey;
		this.maxLength = maxLength;
	}

	@Override
	public void write(AuditRecord record) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("outcome", record.outcome().id());
		fields.put("tenant", (record.tenant() != null) ? record.tenant() : "");
		fields.put("record", AuditRecordJson.write(record));
		MapRecord<String, String, String> entry = StreamRecords.newRecord().in(this.streamKey).ofMap(fields);
		this.redis.opsForStream().add(entry, XAddOptions.maxlen(this.maxLength).approximateTrimming(true));
	}

	public String streamKey() {
		return this.streamKey;
	}

	@Override
	public String name() {
		return "redis-stream";
	}

}
