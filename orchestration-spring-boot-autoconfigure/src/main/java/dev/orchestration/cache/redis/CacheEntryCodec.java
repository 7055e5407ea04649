package dev.orchestration.cache.redis;

import dev.orchestration.cache.CacheEntry;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Versioned JSON for cache entries in Redis: {@code {"v":1,"entry":{...}}}. An entry of
 * another version reads as a miss, so instances of different versions can share one Redis
 * during a rolling upgrade.
 */
final class CacheEntryCodec {

	static final int VERSION = 1;

	private final JsonMapper mapper = JsonMapper.builder().build();

	String encode(CacheEntry entry) {
		ObjectNode root = this.mapper.createObjectNode();
		root.put("v", VERSION);
		root.set("entry", this.mapper.valueToTree(entry));
		return this.mapper.writeValueAsString(root);
	}

	@Nullable CacheEntry decode(@Nullable String json) {
		if (json == null) {
			return null;
		}
		try {
			JsonNode root = this.mapper.readTree(json);
			if (root.path("v").asInt(-1) != VERSION) {
				return null;
			}
			return this.mapper.treeToValue(root.get("entry"), CacheEntry.class);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
