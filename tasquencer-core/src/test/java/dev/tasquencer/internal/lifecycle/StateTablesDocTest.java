package dev.tasquencer.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The state tables in docs/guide.md are the tables of {@link Lifecycles}, rendered: the section
 * between the two markers must equal what {@link #render()} makes of the code, so that a new state,
 * event or entry cannot reach one without the other. When they differ, the test writes the rendered
 * section to {@code target/state-tables.md}, to paste between the markers.
 */
class StateTablesDocTest {
  static final String BEGIN =
      "<!-- BEGIN state tables: generated from internal.lifecycle.Lifecycles, checked by"
          + " StateTablesDocTest -->";
  static final String END = "<!-- END state tables -->";

  static String render() {
    return table("Workflow", "", Lifecycles.WORKFLOW)
        + table("Task", " A task is created disabled, with its workflow.", Lifecycles.TASK)
        + table("Work item", "", Lifecycles.WORK_ITEM)
        + table(
            "Allocation",
            " Only a work item whose definition declares an offer has one"
                + " (docs/work-allocation.md).",
            Lifecycles.ALLOCATION)
        + table(
            "Job",
            " Jobs belong to a workflow, a task generation or a work item (docs/jobs.md).",
            Lifecycles.JOB);
  }

  static <S extends Enum<S>, E extends Enum<E>> String table(
      String title, String note, TransitionTable<S, E> table) {
    StringBuilder out = new StringBuilder();
    out.append("**")
        .append(title)
        .append("**: ")
        .append(
            Arrays.stream(table.states().getEnumConstants())
                .map(StateTablesDocTest::id)
                .collect(Collectors.joining(", ")))
        .append('.')
        .append(note)
        .append("\n\n| From | Event | To | What happens |\n|---|---|---|---|\n");
    for (TransitionTable.Entry<S, E> e : table.entries()) {
      S from = e.from();
      out.append("| ")
          .append(from == null ? "(new)" : id(from))
          .append(" | ")
          .append(id(e.event()))
          .append(" | ")
          .append(id(e.to()))
          .append(" | ")
          .append(e.does())
          .append(" |\n");
    }
    return out.append('\n').toString();
  }

  static String id(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  @Test
  void theGuidesStateTablesAreTheCodes() throws IOException {
    String guide = Files.readString(guide(), StandardCharsets.UTF_8);
    int begin = guide.indexOf(BEGIN);
    int end = guide.indexOf(END);
    String rendered = render().strip();
    String documented =
        begin >= 0 && end > begin ? guide.substring(begin + BEGIN.length(), end).strip() : null;
    if (!rendered.equals(documented)) {
      Path out = Path.of("target", "state-tables.md");
      Files.createDirectories(out.getParent());
      Files.writeString(out, rendered + "\n", StandardCharsets.UTF_8);
      fail(
          "docs/guide.md's state tables differ from internal.lifecycle.Lifecycles: put the lines"
              + " of "
              + out.toAbsolutePath()
              + " between the lines\n"
              + BEGIN
              + "\n"
              + END
              + "\n(or change the tables in the code)");
    }
  }

  @Test
  void everyEntryIsRendered() {
    String rendered = render();
    for (TransitionTable<?, ?> t :
        java.util.List.of(
            Lifecycles.WORKFLOW,
            Lifecycles.TASK,
            Lifecycles.WORK_ITEM,
            Lifecycles.ALLOCATION,
            Lifecycles.JOB)) {
      for (TransitionTable.Entry<?, ?> e : t.entries()) {
        assertThat(rendered).contains("| " + id(e.event()) + " | " + id(e.to()) + " | " + e.does());
      }
    }
  }

  /** docs/guide.md, from the module folder (where Maven runs tests) or the repository's root. */
  static Path guide() {
    for (Path p : new Path[] {Path.of("..", "docs", "guide.md"), Path.of("docs", "guide.md")}) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IllegalStateException("docs/guide.md not found from " + Path.of("").toAbsolutePath());
  }
}
