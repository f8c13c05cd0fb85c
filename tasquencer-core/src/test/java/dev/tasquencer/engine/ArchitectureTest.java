package dev.tasquencer.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of the core module: the public contracts ({@code api}) and the DSL ({@code builder})
 * know nothing of the engine's internals ({@code runtime}, {@code store}); the store knows nothing
 * of net semantics. Only the facade package ties them together.
 */
@AnalyzeClasses(packages = "dev.tasquencer", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  static final String API = "dev.tasquencer.api..";
  static final String BUILDER = "dev.tasquencer.builder..";
  static final String RUNTIME = "dev.tasquencer.internal.runtime..";
  static final String STORE = "dev.tasquencer.internal.store..";

  @ArchTest
  static final ArchRule apiDoesNotDependOnInternals =
      noClasses()
          .that()
          .resideInAPackage(API)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(RUNTIME, STORE)
          .because("the public contracts must not expose the engine's internals");

  @ArchTest
  static final ArchRule builderDoesNotDependOnInternals =
      noClasses()
          .that()
          .resideInAPackage(BUILDER)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(RUNTIME, STORE)
          .because("definitions are built and validated without an engine or a database");

  @ArchTest
  static final ArchRule storeDoesNotDependOnSemanticsOrDsl =
      noClasses()
          .that()
          .resideInAPackage(STORE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(RUNTIME, BUILDER)
          .because("the store persists rows; net semantics live in the runtime");

  @ArchTest
  static final ArchRule internalsAreUsedOnlyByTheEngine =
      classes()
          .that()
          .resideInAnyPackage(RUNTIME, STORE)
          .should()
          .onlyBeAccessed()
          .byAnyPackage("dev.tasquencer", RUNTIME, STORE, "dev.tasquencer.internal.jobs..")
          .because(
              "runtime and store are internal: only the builder, each other and the job worker (which runs"
                  + " inside engine transactions) use them");

  @ArchTest
  static final ArchRule apiIsIndependentOfTheDsl =
      noClasses()
          .that()
          .resideInAPackage(API)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(BUILDER)
          .because("contracts are shared by the DSL and the engine, so they come first");

  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("dev.tasquencer.(*)..").should().beFreeOfCycles();
}
