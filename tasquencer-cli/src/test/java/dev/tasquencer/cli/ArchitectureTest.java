package dev.tasquencer.cli;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tasquencer.testing.ArchitectureRules;

/**
 * No class of this module, main or test, uses the engine's internal packages: the command line is
 * an application of the engine, through its public API only.
 */
@AnalyzeClasses(packages = "dev.tasquencer.cli")
class ArchitectureTest {
  @ArchTest static final ArchRule usesOnlyThePublicApi = ArchitectureRules.USES_ONLY_PUBLIC_API;
}
