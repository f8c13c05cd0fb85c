package dev.tasquencer.examples.setup;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.tasquencer.testing.DbTest;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The core's test kit (its test-jar, a test dependency of user projects) must not bring a logging
 * configuration: logback takes the first logback-test.xml on the class path, which could be the
 * kit's instead of the user's. This module, like a user's, configures its own.
 */
class TestKitLoggingTest {
  /** The jar, or in a reactor build before packaging the directory, that holds the test kit. */
  private static Path testKit() throws URISyntaxException {
    return Path.of(DbTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @Test
  void theCoreTestKitHoldsNoLoggingConfiguration() throws Exception {
    Path kit = testKit();
    for (String config : new String[] {"logback-test.xml", "logback.xml"}) {
      assertThat(contains(kit, config)).as(kit + " holds " + config).isFalse();
    }
  }

  /** This module's own logback-test.xml is the one in effect: warnings only. */
  @Test
  void theModulesOwnTestLoggingIsInEffect() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.WARN);
    assertThat(TestKitLoggingTest.class.getResource("/logback-test.xml").toString())
        .contains("tasquencer-examples");
  }

  private static boolean contains(Path kit, String entry) throws IOException {
    if (Files.isDirectory(kit)) {
      return Files.exists(kit.resolve(entry));
    }
    try (JarFile jar = new JarFile(kit.toFile())) {
      return jar.getEntry(entry) != null;
    }
  }
}
