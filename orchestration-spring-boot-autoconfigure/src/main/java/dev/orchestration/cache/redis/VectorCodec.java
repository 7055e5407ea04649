package dev.orchestration.cache.redis;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Versioned JSON for a semantic index entry in Redis: scope, entry id, expiry and the
 * vector as little-endian float32 in Base64.
 */
final class VectorCodec {

	private final JsonMapper mapper = JsonMapper.builder().build();

	String encode(IndexedVector vector) {
		ByteBuffer bytes = ByteBuffer.allocate(vector.vector().length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		for (float value : vector.vector()) {
			bytes.putFloat(value);
		}
		ObjectNode node = this.mapper.createObjectNode();
		node.put("v", CacheEntryCodec.VERSION);
		node.put("scope", vector.scope());
		node.put("id", vector.entryId());
		node.put("expiresAt", vector.expiresAt().toEpochMilli());
		node.put("vector", Base64.getEncoder().encodeToString(bytes.array()));
		return this.mapper.writeValueAsString(node);
	}

	@Nullable IndexedVector decode(@Nullable String json) {
		if (json == null) {
			return null;
		}
		try {
			JsonNode node = this.mapper.readTree(json);
			if (node.path("v").asInt(-1) != CacheEntryCodec.VERSION) {
				return null;
			}
			ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(node.get("vector").asString()))
				.order(ByteOrder.LITTLE_ENDIAN);
			float[] vector = new float[bytes.remaining() / Float.BYTES];
			for (int i = 0; i < vector.length; i++) {
				vector[i] = bytes.getFloat();
			}
			return new IndexedVector(node.get("scope").asString(), node.get("id").asString(), vector,
					Instant.ofEpochMilli(node.get("expiresAt").asLong()));
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** One entry of the semantic index. */
	record IndexedVector(String scope, String entryId, float[] vector, Instant expiresAt) {
	}

}
