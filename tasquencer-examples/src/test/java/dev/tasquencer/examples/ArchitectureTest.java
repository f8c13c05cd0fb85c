package dev.tasquencer.examples;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tasquencer.testing.ArchitectureRules;

/**
 * No class of this module, main or test, uses the engine's internal packages: the examples show how
 * applications use the engine, through its public API only.
 */
@AnalyzeClasses(packages = "dev.tasquencer.examples")
class ArchitectureTest {
  @ArchTest static final ArchRule usesOnlyThePublicApi = ArchitectureRules.USES_ONLY_PUBLIC_API;
}
