package dev.orchestration.architecture;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/api.md} lists the public API: every public top-level type of the starter
 * outside an {@code internal} package is named there, save the auto-configurations and
 * properties classes (covered as a group), every package-private type it names as such is
 * not public, and its table of internal packages names each internal type where it lives.
 */
class PublicApiDocTests {

	private static final Path DOC = Path.of("..", "docs", "api.md");

	private static final Pattern NAMED = Pattern.compile("`([A-Z][A-Za-z0-9]*)`");

	@Test
	void everyPublicTypeOutsideAnInternalPackageIsNamedInTheApiPage() throws IOException {
		Set<String> named = named();
		Set<String> unlisted = new TreeSet<>();
		int publicTypes = 0;
		for (JavaClass type : PackageRulesTests.MAIN) {
			if (type.isTopLevelClass() && type.getModifiers().contains(JavaModifier.PUBLIC)) {
				publicTypes++;
			}
			if (type.isTopLevelClass() && type.getModifiers().contains(JavaModifier.PUBLIC)
					&& !type.getPackageName().contains(".internal") && !coveredAsAGroup(type.getSimpleName())
					&& !named.contains(type.getSimpleName())) {
				unlisted.add(type.getName());
			}
		}
		assertThat(publicTypes).as("public types found in the main classes").isGreaterThan(200);
		assertThat(unlisted).as("public types not named in " + DOC + " (list them as Use, Extend or Internal)")
			.isEmpty();
	}

	@Test
	void theTypesNamedPackagePrivateAreNotPublic() throws IOException {
		String doc = Files.readString(DOC);
		Matcher sentence = Pattern.compile("package-private \\(for example ([^)]*)\\)").matcher(doc);
		assertThat(sentence.find()).as("the package-private examples in " + DOC).isTrue();
		Matcher name = NAMED.matcher(sentence.group(1));
		int checked = 0;
		while (name.find()) {
			String simple = name.group(1);
			for (JavaClass type : PackageRulesTests.MAIN) {
				if (type.isTopLevelClass() && type.getSimpleName().equals(simple)) {
					assertThat(Modifier.isPublic(type.reflect().getModifiers())).as(simple + " is package-private")
						.isFalse();
					checked++;
				}
			}
		}
		assertThat(checked).isPositive();
	}

	@Test
	void theInternalPackagesTableNamesEveryInternalTypeWhereItLives() throws IOException {
		String doc = Files.readString(DOC);
		Matcher row = Pattern.compile("(?m)^\\| `(dev\\.orchestration\\.[a-z.]*internal)` \\| (.*) \\|$").matcher(doc);
		Set<String> listed = new TreeSet<>();
		while (row.find()) {
			Matcher name = NAMED.matcher(row.group(2));
			while (name.find()) {
				listed.add(row.group(1) + "." + name.group(1));
			}
		}
		Set<String> actual = new TreeSet<>();
		for (JavaClass type : PackageRulesTests.MAIN) {
			if (type.isTopLevelClass() && type.getPackageName().endsWith(".internal")
					&& !type.getSimpleName().equals("package-info")) {
				actual.add(type.getName());
			}
		}
		assertThat(actual).as("internal types found in the main classes").hasSizeGreaterThan(50);
		assertThat(listed).as("the internal-packages table of " + DOC).isEqualTo(actual);
	}

	private static boolean coveredAsAGroup(String name) {
		return name.endsWith("AutoConfiguration") || name.endsWith("Properties") || name.equals("package-info");
	}

	private static Set<String> named() throws IOException {
		Set<String> named = new TreeSet<>();
		Matcher name = NAMED.matcher(Files.readString(DOC));
		while (name.find()) {
			named.add(name.group(1));
		}
		return named;
	}

}
