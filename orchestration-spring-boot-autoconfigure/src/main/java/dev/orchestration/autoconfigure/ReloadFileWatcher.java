package dev.orchestration.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.orchestration.autoconfigure.internal.RoutingReloader;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * Watches the reload file ({@code llm.rollout.reload.file}) and reloads the routing
 * configuration when its content changes; an unreadable file is logged and changes
 * nothing.
 */
final class ReloadFileWatcher implements Runnable {

	private static final Log logger = LogFactory.getLog(ReloadFileWatcher.class);

	private final Path file;

	private final RoutingReloader reloader;

	private String lastContent = "";

	ReloadFileWatcher(Path file, RoutingReloader reloader) {
		this.file = file;
		this.reloader = reloader;
	}

	@Override
	public synchronized void run() {
		try {
			if (!Files.isRegularFile(this.file)) {
				return;
			}
			String content = Files.readString(this.file);
			if (content.equals(this.lastContent)) {
				return;
			}
			this.lastContent = content;
			this.reloader.reloadFile(read());
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not read the reload file " + this.file + ": " + ex.getMessage());
		}
	}

	private Map<String, Object> read() throws IOException {
		String name = this.file.getFileName().toString();
		PropertySourceLoader loader = (name.endsWith(".yml") || name.endsWith(".yaml")) ? new YamlPropertySourceLoader()
				: new PropertiesPropertySourceLoader();
		Map<String, Object> properties = new LinkedHashMap<>();
		for (PropertySource<?> source : loader.load("llm-reload-file", new FileSystemResource(this.file))) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String key : enumerable.getPropertyNames()) {
					properties.put(key, String.valueOf(enumerable.getProperty(key)));
				}
			}
		}
		return properties;
	}

}
