package dev.tasquencer.engine;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tasquencer.TasquencerBuilder;
import dev.tasquencer.internal.runtime.Engines;
import dev.tasquencer.internal.store.ConditionRow;
import dev.tasquencer.internal.store.TaskGenerationRow;
import dev.tasquencer.internal.store.TaskRow;
import dev.tasquencer.internal.store.TransitionApplier;
import dev.tasquencer.internal.store.WorkItemRow;
import dev.tasquencer.internal.store.WorkflowRow;

/**
 * The layering of the core module. The public packages (the facade in {@code dev.tasquencer}, the
 * contracts in {@code api}, the DSL in {@code builder}, the job API in {@code jobs}) know nothing
 * of the engine's internals ({@code internal.runtime}, {@code internal.store}, {@code
 * internal.jobs}), except the builder, which hands its settings to {@link Engines}. The store knows
 * nothing of net semantics, the job worker reaches the engine only through the interface it
 * defines, and no packages depend on each other in a circle.
 */
@AnalyzeClasses(packages = "dev.tasquencer", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  static final String API = "dev.tasquencer.api..";
  static final String BUILDER = "dev.tasquencer.builder..";
  static final String JOBS = "dev.tasquencer.jobs..";
  static final String INTERNAL = "dev.tasquencer.internal..";
  static final String RUNTIME = "dev.tasquencer.internal.runtime..";
  static final String STORE = "dev.tasquencer.internal.store..";
  static final String INTERNAL_JOBS = "dev.tasquencer.internal.jobs..";
  static final String LIFECYCLE = "dev.tasquencer.internal.lifecycle..";

  @ArchTest
  static final ArchRule onlyTheApplierChangesTheStateOfARow =
      noClasses()
          .that()
          .doNotBelongToAnyOf(TransitionApplier.class)
          .should()
          .callMethodWhere(
              target(nameMatching("setState|setEnabled|childCreated|childMoved|setMarking"))
                  .and(
                      target(
                          owner(
                              belongToAnyOf(
                                  WorkflowRow.class,
                                  TaskRow.class,
                                  ConditionRow.class,
                                  WorkItemRow.class,
                                  TaskGenerationRow.class)))))
          .because(
              "every state change is an entry of its table in internal.lifecycle.Lifecycles,"
                  + " applied (with the counters it moves) and reported to the transition"
                  + " observers by TransitionApplier");

  @ArchTest
  static final ArchRule theTransitionTablesDependOnTheApiOnly =
      noClasses()
          .that()
          .resideInAPackage(LIFECYCLE)
          .should()
          .dependOnClassesThat(
              resideInAPackage("dev.tasquencer..").and(not(resideInAnyPackage(LIFECYCLE, API))))
          .because(
              "the state machines describe; the store applies them and the runtime decides when");

  @ArchTest
  static final ArchRule publicPackagesDoNotDependOnInternals =
      noClasses()
          .that()
          .resideInAnyPackage(API, BUILDER, JOBS)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(INTERNAL)
          .because(
              "the public contracts, the DSL and the job API must not expose the engine's"
                  + " internals; definitions are built and validated without an engine");

  @ArchTest
  static final ArchRule onlyTheBuilderEntersTheInternals =
      noClasses()
          .that()
          .resideOutsideOfPackage(INTERNAL)
          .and()
          .doNotBelongToAnyOf(TasquencerBuilder.class)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(INTERNAL)
          .because("the internals are wired behind the facade; users never reach them");

  @ArchTest
  static final ArchRule theBuilderUsesOnlyTheEntryPoint =
      noClasses()
          .that()
          .belongToAnyOf(TasquencerBuilder.class)
          .should()
          .dependOnClassesThat(resideInAPackage(INTERNAL).and(not(belongToAnyOf(Engines.class))))
          .because("the builder hands its settings to Engines.create and nothing more");

  @ArchTest
  static final ArchRule storeDoesNotDependOnSemanticsOrDsl =
      noClasses()
          .that()
          .resideInAPackage(STORE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(RUNTIME, INTERNAL_JOBS, BUILDER)
          .because("the store persists rows; net semantics live in the runtime");

  @ArchTest
  static final ArchRule jobWorkerDoesNotDependOnTheRuntime =
      noClasses()
          .that()
          .resideInAPackage(INTERNAL_JOBS)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(RUNTIME)
          .because("the worker reaches the engine through JobEngine, which the runtime implements");

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

  @ArchTest
  static final ArchRule internalPackagesAreFreeOfCycles =
      slices().matching("dev.tasquencer.internal.(*)..").should().beFreeOfCycles();
}
