package dev.orchestration.architecture;

import java.net.URISyntaxException;
import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.orchestration.routing.RoutingChatModel;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The feature packages form no cycle: each depends only on the ones below it, so a
 * feature can be read (and replaced) without the ones that build on it.
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

}
