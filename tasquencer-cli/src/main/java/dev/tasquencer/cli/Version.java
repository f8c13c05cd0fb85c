package dev.tasquencer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version recorded in the jar at build time. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("/tasquencer-cli.properties")) {
      if (in != null) {
        p.load(in);
      }
    }
    return new String[] {
      "tasquencer " + p.getProperty("version", "unknown"),
      "Java " + System.getProperty("java.version")
    };
  }
}
