package dev.orchestration.architecture;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.orchestration.routing.RoutingChatModel;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The feature packages form no cycle: each depends only on the ones below it, so a
 * feature can be read (and replaced) without the ones that build on it; and no public
 * method of the API takes or returns a type of an {@code internal} package, so what
 * docs/api.md calls internal never reaches an application through the API.
 */
class PackageRulesTests {

	/**
	 * The module's main classes only (scanning the whole class path for the package costs
	 * a minute); {@link PublicApiDocTests} reads the same import.
	 */
	static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPath(mainClasses());

	private static Path mainClasses() {
		try {
			return Path.of(RoutingChatModel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void featurePackagesAreFreeOfCycles() {
		slices().matching("dev.orchestration.(*)..").should().beFreeOfCycles().check(MAIN);
	}

	@Test
	void autoConfigurationPackagesAreFreeOfCycles() {
		slices().matching("dev.orchestration.autoconfigure.(*)..").should().beFreeOfCycles().check(MAIN);
	}

	@Test
	void noPublicMethodOfTheApiTakesOrReturnsAnInternalType() {
		classes().that()
			.arePublic()
			.and()
			.resideOutsideOfPackages("..internal..", "dev.orchestration.autoconfigure..")
			.should(new ArchCondition<JavaClass>("expose no internal type in a public method or field") {
				@Override
				public void check(JavaClass type, ConditionEvents events) {
					for (JavaMethod method : type.getMethods()) {
						if (method.getModifiers().contains(JavaModifier.PUBLIC)) {
							List<JavaClass> exposed = new ArrayList<>(method.getRawParameterTypes());
							exposed.add(method.getRawReturnType());
							report(events, method, method.getFullName(), exposed);
						}
					}
					for (JavaField field : type.getFields()) {
						if (field.getModifiers().contains(JavaModifier.PUBLIC)) {
							report(events, field, field.getFullName(), List.of(field.getRawType()));
						}
					}
				}
			})
			.check(MAIN);
	}

	private static void report(ConditionEvents events, Object member, String name, List<JavaClass> exposed) {
		for (JavaClass exposedType : exposed) {
			if (exposedType.getPackageName().contains(".internal")) {
				events.add(SimpleConditionEvent.violated(member, name + " exposes " + exposedType.getName()));
			}
		}
	}

}
