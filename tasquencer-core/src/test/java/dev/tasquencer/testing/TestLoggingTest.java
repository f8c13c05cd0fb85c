package dev.tasquencer.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The core's tests log warnings only, from a configuration that is not a test resource (so that the
 * test-jar, which holds the test resources, does not impose it on the projects that use the kit).
 */
class TestLoggingTest {
  @Test
  void theCoresTestsLogWarningsOnly() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.WARN);
    assertThat(((Logger) LoggerFactory.getLogger("com.zaxxer.hikari")).getLevel())
        .isEqualTo(Level.WARN);
  }

  @Test
  void theLoggingConfigurationIsNotATestResource() {
    assertThat(TestLoggingTest.class.getResource("/logback-test.xml")).isNull();
    assertThat(System.getProperty("logback.configurationFile")).endsWith("logback-test.xml");
  }
}
