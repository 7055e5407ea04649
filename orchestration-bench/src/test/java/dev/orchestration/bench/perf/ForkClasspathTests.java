package dev.orchestration.bench.perf;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ForkClasspathTests {

	private final String classpath = System.getProperty("java.class.path");

	@AfterEach
	void restore() {
		System.setProperty("java.class.path", this.classpath);
	}

	@Test
	void aSpringBootJarIsUnpackedIntoClassesAndLibrariesForTheForks(@TempDir Path dir) throws Exception {
		Path jar = dir.resolve("bench.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			out.putNextEntry(new JarEntry("BOOT-INF/classes/"));
			entry(out, "BOOT-INF/classes/META-INF/BenchmarkList", "list");
			entry(out, "BOOT-INF/lib/b.jar", "b");
			entry(out, "BOOT-INF/lib/a.jar", "a");
			entry(out, "org/springframework/boot/loader/launch/JarLauncher.class", "launcher");
		}
		System.setProperty("java.class.path", jar.toString());
		Path unpacked = ForkClasspath.prepare();
		try {
			assertThat(unpacked).isNotNull();
			assertThat(System.getProperty("java.class.path").split(File.pathSeparator)).containsExactly(
					unpacked.resolve("classes").toString(), unpacked.resolve("lib/a.jar").toString(),
					unpacked.resolve("lib/b.jar").toString());
			assertThat(unpacked.resolve("classes/META-INF/BenchmarkList")).hasContent("list");
			assertThat(unpacked.resolve("org")).doesNotExist();
		}
		finally {
			deleteRecursively(unpacked);
		}
	}

	@Test
	void aPlainClassPathIsLeftAsItIs() throws Exception {
		assertThat(ForkClasspath.prepare()).as("surefire's class path has several entries").isNull();
		assertThat(System.getProperty("java.class.path")).isEqualTo(this.classpath);
	}

	private static void entry(JarOutputStream out, String name, String content) throws Exception {
		out.putNextEntry(new JarEntry(name));
		out.write(content.getBytes(StandardCharsets.UTF_8));
		out.closeEntry();
	}

	private static void deleteRecursively(Path root) throws Exception {
		try (Stream<Path> paths = Files.walk(root)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
	}

}
