package dev.tasquencer.bench;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tasquencer.testing.ArchitectureRules;

/**
 * No class of this module, main or test, uses the engine's internal packages: the benchmarks
 * measure the engine as applications use it, through its public API only.
 */
@AnalyzeClasses(packages = "dev.tasquencer.bench")
class ArchitectureTest {
  @ArchTest static final ArchRule usesOnlyThePublicApi = ArchitectureRules.USES_ONLY_PUBLIC_API;
}
