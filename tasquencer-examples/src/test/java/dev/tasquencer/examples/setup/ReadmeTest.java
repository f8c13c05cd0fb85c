package dev.tasquencer.examples.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.examples.billing.BillingWorkflow;
import dev.tasquencer.testing.DbTest;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * README.md against the build: its Java blocks compile with what it tells a user to add, its
 * program prints what it shows, and its Maven coordinates are the build's. A README that drifts
 * from the code fails here.
 */
class ReadmeTest {
  /** The repository root: surefire runs the tests in the module's directory. */
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  private static final Pattern PUBLIC_TYPE =
      Pattern.compile(
          "^public\\s+(?:final\\s+|abstract\\s+)*(?:class|record|interface|enum)\\s+(\\w+)",
          Pattern.MULTILINE);
  private static final Pattern PACKAGE =
      Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern IMPORT =
      Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

  /**
   * The packages a README block may import besides the JDK's and the core's, by the groupId of the
   * dependency that brings them.
   */
  private static final Map<String, String> PACKAGES_BY_GROUP =
      Map.of(
          "com.zaxxer", "com.zaxxer.hikari.",
          "com.h2database", "org.h2.",
          "org.postgresql", "org.postgresql.");

  /** One fenced block: its language and text, in README order. */
  record Block(String language, String text) {}

  private static List<Block> blocks() throws IOException {
    List<Block> blocks = new ArrayList<>();
    String language = null;
    StringBuilder text = new StringBuilder();
    for (String line : Files.readAllLines(ROOT.resolve("README.md"))) {
      if (language == null && line.startsWith("```")) {
        language = line.substring(3).trim();
        text.setLength(0);
      } else if (language != null && line.equals("```")) {
        blocks.add(new Block(language, text.toString()));
        language = null;
      } else if (language != null) {
        text.append(line).append('\n');
      }
    }
    assertThat(language).as("README.md ends inside a fenced block").isNull();
    return blocks;
  }

  private static List<Block> javaBlocks() throws IOException {
    List<Block> java = blocks().stream().filter(b -> b.language().equals("java")).toList();
    assertThat(java).as("java blocks in README.md").isNotEmpty();
    return java;
  }

  @Test
  void everyJavaBlockCompilesAgainstTheCoreAndTheDependenciesItNames(@TempDir Path dir)
      throws IOException {
    compile(javaBlocks(), dir);
  }

  @Test
  void theJavaBlocksImportOnlyTheJdkTheCoreAndTheNamedDependencies() throws IOException {
    List<String> allowed = new ArrayList<>(List.of("java.", "javax.", "dev.tasquencer."));
    for (Dependency d : readmeDependencies()) {
      if (PACKAGES_BY_GROUP.containsKey(d.groupId())) {
        allowed.add(PACKAGES_BY_GROUP.get(d.groupId()));
      }
    }
    // the core, not the modules and test kit around it
    List<String> notTheCore =
        List.of("dev.tasquencer.examples.", "dev.tasquencer.cli.", "dev.tasquencer.testing.");
    for (Block block : javaBlocks()) {
      Matcher m = IMPORT.matcher(block.text());
      while (m.find()) {
        String imported = m.group(1);
        assertThat(allowed.stream().anyMatch(imported::startsWith))
            .as("README.md imports %s, which none of its dependencies brings", imported)
            .isTrue();
        assertThat(notTheCore.stream().noneMatch(imported::startsWith))
            .as("README.md imports %s, which is not in tasquencer-core", imported)
            .isTrue();
      }
    }
  }

  /**
   * A block with a main method runs (in a fresh directory, as a user would run it) and prints the
   * text block that follows it.
   */
  @Test
  void theProgramPrintsWhatTheReadmeShows(@TempDir Path dir) throws Exception {
    Path classes = compile(javaBlocks(), dir.resolve("classes"));
    List<Block> blocks = blocks();
    int programs = 0;
    for (int i = 0; i < blocks.size(); i++) {
      Block block = blocks.get(i);
      if (!block.language().equals("java") || !block.text().contains("static void main(")) {
        continue;
      }
      Block shown = i + 1 < blocks.size() ? blocks.get(i + 1) : null;
      assertThat(shown)
          .as("the block after the program %s shows its output (```text)", mainClass(block))
          .isNotNull()
          .extracting(Block::language)
          .isEqualTo("text");
      Path workDir = Files.createDirectories(dir.resolve("run" + i));
      Path err = dir.resolve("run" + i + ".err");
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  userClassPath() + File.pathSeparator + classes,
                  mainClass(block))
              .directory(workDir.toFile())
              .redirectError(err.toFile())
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("the program ended").isTrue();
      assertThat(p.exitValue()).as(Files.readString(err)).isZero();
      assertThat(out.strip()).isEqualTo(shown.text().strip());
      programs++;
    }
    assertThat(programs).as("programs in README.md").isPositive();
  }

  /**
   * The README's dependencies have the build's versions, and it names every optional dependency of
   * the core (those a user must add).
   */
  @Test
  void theReadmesMavenCoordinatesAreTheBuilds() throws Exception {
    List<Dependency> readme = readmeDependencies();
    Document parent = xml(Files.readString(ROOT.resolve("pom.xml")));
    Map<String, String> managed = managedVersions(parent);

    assertThat(readme)
        .as("README.md names the core")
        .anyMatch(d -> d.key().equals("dev.tasquencer:tasquencer-core"));
    for (Dependency d : readme) {
      assertThat(managed).as("the build manages %s", d.key()).containsKey(d.key());
      assertThat(d.version())
          .as("version of %s in README.md", d.key())
          .isEqualTo(managed.get(d.key()));
    }
    Document core = xml(Files.readString(ROOT.resolve("tasquencer-core/pom.xml")));
    NodeList deps = core.getElementsByTagName("dependency");
    List<String> optional = new ArrayList<>();
    for (int i = 0; i < deps.getLength(); i++) {
      Element dep = (Element) deps.item(i);
      if ("true".equals(text(dep, "optional"))) {
        optional.add(text(dep, "groupId") + ":" + text(dep, "artifactId"));
      }
    }
    assertThat(optional).isNotEmpty();
    assertThat(readme.stream().map(Dependency::key).toList()).containsAll(optional);
  }

  /** A dependency as written in the README. */
  record Dependency(String groupId, String artifactId, String version) {
    String key() {
      return groupId + ":" + artifactId;
    }
  }

  private static List<Dependency> readmeDependencies() throws IOException {
    List<Dependency> deps = new ArrayList<>();
    for (Block block : blocks()) {
      if (!block.language().equals("xml") || !block.text().contains("<dependency>")) {
        continue;
      }
      NodeList nodes = xml("<deps>" + block.text() + "</deps>").getElementsByTagName("dependency");
      for (int i = 0; i < nodes.getLength(); i++) {
        Element e = (Element) nodes.item(i);
        deps.add(new Dependency(text(e, "groupId"), text(e, "artifactId"), text(e, "version")));
      }
    }
    assertThat(deps).as("dependencies in README.md").isNotEmpty();
    return deps;
  }

  /** groupId:artifactId to version, from the parent pom's dependencyManagement, resolved. */
  private static Map<String, String> managedVersions(Document pom) {
    Element project = pom.getDocumentElement();
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("project.version", text(project, "version"));
    NodeList props = ((Element) project.getElementsByTagName("properties").item(0)).getChildNodes();
    for (int i = 0; i < props.getLength(); i++) {
      if (props.item(i) instanceof Element e) {
        properties.put(e.getTagName(), e.getTextContent().trim());
      }
    }
    Element management = (Element) project.getElementsByTagName("dependencyManagement").item(0);
    NodeList deps = management.getElementsByTagName("dependency");
    Map<String, String> versions = new LinkedHashMap<>();
    for (int i = 0; i < deps.getLength(); i++) {
      Element dep = (Element) deps.item(i);
      String version = text(dep, "version");
      Matcher m = Pattern.compile("\\$\\{(.+)}").matcher(version);
      versions.put(
          text(dep, "groupId") + ":" + text(dep, "artifactId"),
          m.matches() ? properties.get(m.group(1)) : version);
    }
    return versions;
  }

  /** The text of the first child element {@code tag} of {@code e} (not of its descendants). */
  private static String text(Element e, String tag) {
    NodeList children = e.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element c && c.getTagName().equals(tag)) {
        return c.getTextContent().trim();
      }
    }
    return null;
  }

  private static Document xml(String text) {
    try {
      return DocumentBuilderFactory.newInstance()
          .newDocumentBuilder()
          .parse(new InputSource(new StringReader(text)));
    } catch (Exception e) {
      throw new AssertionError("not XML: " + e.getMessage() + "\n" + text, e);
    }
  }

  /**
   * The class path of a user who added what the README says: this test's, without this module's own
   * classes, the core's test kit and logback (the README adds no logging binding).
   */
  private static String userClassPath() {
    Set<Path> left =
        Set.of(
            location(BillingWorkflow.class),
            location(ReadmeTest.class),
            location(DbTest.class),
            location(ch.qos.logback.classic.Logger.class),
            location(ch.qos.logback.core.Appender.class));
    List<String> entries =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(e -> !left.contains(Path.of(e).toAbsolutePath().normalize()))
            .toList();
    assertThat(entries).contains(location(Tasquencer.class).toString());
    return String.join(File.pathSeparator, entries);
  }

  private static Path location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toAbsolutePath()
          .normalize();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes each block to its file (a complete source file) and compiles them; returns the output.
   */
  private static Path compile(List<Block> blocks, Path dir) throws IOException {
    Path sources = dir.resolve("src");
    Path out = Files.createDirectories(dir.resolve("out"));
    List<File> files = new ArrayList<>();
    for (Block block : blocks) {
      Matcher type = PUBLIC_TYPE.matcher(block.text());
      assertThat(type.find())
          .as(
              "a ```java block of README.md is a complete source file with a public type:%n%s",
              block.text())
          .isTrue();
      Matcher pkg = PACKAGE.matcher(block.text());
      Path packageDir = pkg.find() ? sources.resolve(pkg.group(1).replace('.', '/')) : sources;
      Path file = Files.createDirectories(packageDir).resolve(type.group(1) + ".java");
      assertThat(file).as("two README blocks declare %s", type.group(1)).doesNotExist();
      Files.writeString(file, block.text());
      files.add(file.toFile());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, null)) {
      boolean ok =
          javac
              .getTask(
                  null,
                  fm,
                  diagnostics,
                  List.of("-d", out.toString(), "-cp", userClassPath(), "-proc:none"),
                  null,
                  fm.getJavaFileObjectsFromFiles(files))
              .call();
      String errors =
          diagnostics.getDiagnostics().stream()
              .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
              .map(
                  d ->
                      d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(null))
              .collect(Collectors.joining("\n"));
      assertThat(ok).as("README.md's Java blocks compile:%n%s", errors).isTrue();
    }
    return out;
  }

  /** The fully qualified name of the block's public type. */
  private static String mainClass(Block block) {
    Matcher type = PUBLIC_TYPE.matcher(block.text());
    assertThat(type.find()).isTrue();
    Matcher pkg = PACKAGE.matcher(block.text());
    return pkg.find() ? pkg.group(1) + "." + type.group(1) : type.group(1);
  }
}
