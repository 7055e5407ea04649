package dev.orchestration.bench.perf;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Gives JMH's forked JVMs a class path they can load. JMH starts each fork with
 * {@code -cp} set to the {@code java.class.path} of the host JVM; run as
 * {@code java -jar orchestration-bench.jar}, that is the Spring Boot jar, whose classes
 * and libraries sit in {@code BOOT-INF/} where a plain JVM does not look. This unpacks
 * them once per jar (into the temporary directory, keyed by the jar's size and time) and
 * points {@code java.class.path} there.
 */
final class ForkClasspath {

	private ForkClasspath() {
	}

	/**
	 * Prepares the class path of the forks, when the host runs from a Spring Boot jar.
	 * @return the unpacked directory, or {@code null} when the class path is already
	 * plain
	 */
	static Path prepare() throws IOException {
		String classpath = System.getProperty("java.class.path", "");
		if (classpath.contains(File.pathSeparator) || !classpath.endsWith(".jar")) {
			return null;
		}
		Path jar = Path.of(classpath).toAbsolutePath();
		try (JarFile file = new JarFile(jar.toFile())) {
			if (file.getEntry("BOOT-INF/classes/") == null) {
				return null;
			}
			Path target = Path.of(System.getProperty("java.io.tmpdir"), String.format(Locale.ROOT,
					"orchestration-bench-jmh-%x-%x", Files.size(jar), Files.getLastModifiedTime(jar).toMillis()));
			if (!Files.isDirectory(target)) {
				unpack(file, target);
			}
			System.setProperty("java.class.path", classpath(target));
			return target;
		}
	}

	private static void unpack(JarFile jar, Path target) throws IOException {
		Path partial = Files.createTempDirectory(target.getParent(), target.getFileName() + ".partial");
		Enumeration<JarEntry> entries = jar.entries();
		while (entries.hasMoreElements()) {
			JarEntry entry = entries.nextElement();
			String name = entry.getName();
			if (entry.isDirectory() || !name.startsWith("BOOT-INF/")) {
				continue;
			}
			Path destination = partial.resolve(name.substring("BOOT-INF/".length())).normalize();
			if (!destination.startsWith(partial)) {
				throw new IOException("Unexpected entry " + name + " in " + jar.getName());
			}
			Files.createDirectories(destination.getParent());
			try (InputStream in = jar.getInputStream(entry)) {
				Files.copy(in, destination, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		try {
			Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			if (!Files.isDirectory(target)) {
				throw ex;
			}
		}
	}

	private static String classpath(Path unpacked) {
		List<String> entries = new ArrayList<>();
		entries.add(unpacked.resolve("classes").toString());
		try (Stream<Path> libs = Files.list(unpacked.resolve("lib"))) {
			libs.filter((lib) -> lib.toString().endsWith(".jar"))
				.sorted()
				.forEach((lib) -> entries.add(lib.toString()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return String.join(File.pathSeparator, entries);
	}

}
