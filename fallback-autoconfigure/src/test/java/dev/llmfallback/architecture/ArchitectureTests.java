package dev.llmfallback.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the package map of DESIGN.md honest.
 */
class ArchitectureTests {

	private static final String ROOT = "dev.llmfallback";

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(ROOT);

	/** The API at the root imports neither Spring nor any package of the starter. */
	static final ArchRule API_IS_FREE_OF_SPRING_AND_PROVIDERS = noClasses().that()
		.resideInAPackage(ROOT)
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..", "com.fasterxml..", "io.github.resilience4j..", "io.netty..",
				ROOT + ".*..")
		.because("the API must stay usable without Spring and independent of providers");

	static final ArchRule PROVIDERS_DO_NOT_KNOW_ROUTING = noClasses().that()
		.resideInAPackage(ROOT + ".provider..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(ROOT + ".routing..", ROOT + ".resilience..", ROOT + ".degradation..", ROOT + ".cost..",
				ROOT + ".actuator..", ROOT + ".autoconfigure..");

	static final ArchRule WIRE_FORMATS_ARE_INDEPENDENT = slices().matching(ROOT + ".provider.(*)..")
		.should()
		.notDependOnEachOther()
		.allowEmptyShould(true);

	static final ArchRule ONLY_AUTOCONFIGURE_WIRES_BEANS = classes().that()
		.areAnnotatedWith("org.springframework.context.annotation.Configuration")
		.or()
		.areAnnotatedWith("org.springframework.boot.autoconfigure.AutoConfiguration")
		.or()
		.areAnnotatedWith("org.springframework.stereotype.Component")
		.or()
		.areAnnotatedWith("org.springframework.boot.context.properties.ConfigurationProperties")
		.should()
		.resideInAPackage(ROOT + ".autoconfigure..")
		.allowEmptyShould(true);

	static final ArchRule NOTHING_BUT_AUTOCONFIGURE_DEPENDS_ON_AUTOCONFIGURE = noClasses().that()
		.resideOutsideOfPackage(ROOT + ".autoconfigure..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage(ROOT + ".autoconfigure..");

	@Test
	void apiIsFreeOfSpringAndProviders() {
		API_IS_FREE_OF_SPRING_AND_PROVIDERS.check(MAIN);
	}

	@Test
	void providersDoNotKnowRouting() {
		PROVIDERS_DO_NOT_KNOW_ROUTING.check(MAIN);
	}

	@Test
	void wireFormatsAreIndependent() {
		WIRE_FORMATS_ARE_INDEPENDENT.check(MAIN);
	}

	@Test
	void onlyAutoconfigureWiresBeans() {
		ONLY_AUTOCONFIGURE_WIRES_BEANS.check(MAIN);
	}

	@Test
	void nothingButAutoconfigureDependsOnIt() {
		NOTHING_BUT_AUTOCONFIGURE_DEPENDS_ON_AUTOCONFIGURE.check(MAIN);
	}

	@Test
	void apiRuleFailsForARootClassThatImportsSpring() throws ClassNotFoundException {
		JavaClasses leaking = new ClassFileImporter().importClasses(Class.forName(ROOT + ".SpringLeakingFixture"));
		assertThat(API_IS_FREE_OF_SPRING_AND_PROVIDERS.evaluate(leaking).hasViolation()).isTrue();
	}

	@Test
	void beanRuleFailsForConfigurationOutsideAutoconfigure() {
		JavaClasses misplaced = new ClassFileImporter().importClasses(MisplacedConfiguration.class);
		assertThat(ONLY_AUTOCONFIGURE_WIRES_BEANS.evaluate(misplaced).hasViolation()).isTrue();
	}

	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	static class MisplacedConfiguration {

	}

}
