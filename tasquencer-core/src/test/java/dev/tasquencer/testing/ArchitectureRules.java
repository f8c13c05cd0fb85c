package dev.tasquencer.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/** Architecture rules that modules built on the core check on their own classes. */
public final class ArchitectureRules {
  private ArchitectureRules() {}

  /** The engine's internal packages: not API, they may change without notice. */
  public static final String INTERNAL = "dev.tasquencer.internal..";

  /**
   * The analyzed classes use only the public API: nothing of {@code dev.tasquencer.internal}. Check
   * it in a module with {@code @AnalyzeClasses(packages = "your.package")} and a field
   * {@code @ArchTest static final ArchRule rule = ArchitectureRules.USES_ONLY_PUBLIC_API;}.
   */
  public static final ArchRule USES_ONLY_PUBLIC_API =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage(INTERNAL)
          .because(
              "dev.tasquencer.internal is not API and may change without notice; what a module"
                  + " needs of the engine belongs in the public packages");
}
