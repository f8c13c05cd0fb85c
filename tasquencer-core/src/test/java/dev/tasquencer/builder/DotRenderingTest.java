package dev.tasquencer.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.RandomNets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Graphviz itself reads what {@code toDot()} writes: every net renders to SVG without an error or a
 * warning, and the names come out as written. Skipped where the {@code dot} program is not
 * installed (Debian: {@code apt-get install graphviz}).
 */
class DotRenderingTest {

  record Result(int exitCode, String out, String err) {}

  @BeforeAll
  static void dotIsInstalled() {
    boolean available;
    try {
      available = dot("digraph { a -> b; }").exitCode() == 0;
    } catch (IOException e) {
      available = false;
    }
    Assumptions.assumeTrue(available, "the Graphviz program 'dot' is not installed");
  }

  static Result dot(String input) throws IOException {
    Process p = new ProcessBuilder("dot", "-Tsvg").start();
    CompletableFuture<String> out = read(p.getInputStream());
    CompletableFuture<String> err = read(p.getErrorStream());
    try (var in = p.getOutputStream()) {
      in.write(input.getBytes(StandardCharsets.UTF_8));
    }
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("dot did not finish within 60 s");
      }
      return new Result(p.exitValue(), out.get(), err.get());
    } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
      throw new IOException(e);
    }
  }

  private static CompletableFuture<String> read(java.io.InputStream s) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  static String assertRenders(String dotText) throws IOException {
    Result r = dot(dotText);
    assertThat(r.err()).as("dot's messages for\n%s", dotText).isEmpty();
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("<svg");
    return r.out();
  }

  @Test
  void everyExampleNetRendersWithAndWithoutAnInstance() throws IOException {
    for (WorkflowDefinition d : GraphNets.all()) {
      assertRenders(d.toDot());
    }
    String svg = assertRenders(GraphNets.region().toDot(GraphExportTest.regionView()));
    assertThat(svg).contains("waiting", "1 token", "legend", "task canceled");
  }

  @Test
  void awkwardNamesComeOutAsWritten() throws IOException {
    String svg = assertRenders(GraphNets.awkwardNames().toDot());

    // SVG escapes &, <, > and quotes again; the text is the names, unchanged
    assertThat(svg)
        .contains(">say &quot;hi&quot;</text>")
        .contains(">a {b} | &lt;c&gt; \\ d</text>")
        .contains(">#1 &amp; `x`</text>")
        .contains(">in put</text>")
        .contains(">odd &quot;names&quot; &amp; &lt;such&gt; v1</text>");
  }

  @Test
  void trailingBackslashesAndLineBreaksInNames() throws IOException {
    var def =
        Builder.workflow("w\\")
            .startCondition("start\\")
            .task("two\nlines", Nets.autoInit())
            .task("end in \\", Nets.autoInit())
            .endCondition("end")
            .connectCondition("start\\", to -> to.task("two\nlines"))
            .connectTask("two\nlines", to -> to.task("end in \\"))
            .connectTask("end in \\", to -> to.condition("end"))
            .build();

    String svg = assertRenders(def.toDot());
    assertThat(svg)
        .contains(">start\\</text>", ">end in \\</text>", ">two</text>", ">lines</text>");
  }

  @Test
  void randomNetsRender() throws IOException {
    Random rnd = new Random(11);
    for (int n = 0; n < 15; n++) {
      var def =
          RandomNets.generate(
                  rnd, 8, true, i -> Nets.noInit(), (task, routes, many) -> List.of(routes.get(0)))
              .definition();
      assertRenders(def.toDot());
    }
  }
}
