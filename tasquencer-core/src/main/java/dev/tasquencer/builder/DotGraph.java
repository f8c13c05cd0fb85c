package dev.tasquencer.builder;

import dev.tasquencer.api.InstanceView;
import dev.tasquencer.api.TaskState;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes a net as a Graphviz digraph in YAWL's look: conditions are circles (start with a green
 * outline, end a red double circle), tasks are records with the join on the left and the split on
 * the right (drawn when they decide something), dummy tasks are dashed, the implicit condition of a
 * task-to-task flow is a point on the flow, cancellation regions are dashed red edges from their
 * owner, and a default flow is labelled "default". With an {@link InstanceView}, marked conditions
 * are filled and show their tokens, tasks are filled by state, and a legend explains the colours.
 *
 * <p>Node ids are the element names (quoted); every name is escaped, so any name is safe.
 */
final class DotGraph {
  private static final String INDENT = "  ";

  private final WorkflowDefinition w;
  private final @Nullable InstanceView view;
  private final StringBuilder out = new StringBuilder();

  private DotGraph(WorkflowDefinition w, @Nullable InstanceView view) {
    this.w = w;
    this.view = view;
  }

  /** The digraph of the definition, coloured by {@code view} when it is not null. */
  static String render(WorkflowDefinition w, @Nullable InstanceView view) {
    return new DotGraph(w, view).render();
  }

  private String render() {
    line("digraph " + quote(w.name()) + " {");
    line(
        INDENT
            + "graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, labelloc=t,"
            + " nodesep=0.3, ranksep=0.4, label="
            + label(w.name() + " " + w.version())
            + "];");
    line(INDENT + "node [fontname=\"Helvetica\", fontsize=11];");
    line(INDENT + "edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.7];");
    section("conditions");
    for (ConditionDefinition c : w.conditions()) {
      if (!c.isImplicit()) {
        condition(c);
      }
    }
    section("tasks");
    w.tasks().forEach(this::task);
    if (w.conditions().stream().anyMatch(ConditionDefinition::isImplicit)) {
      section("implicit conditions (task-to-task flows)");
      for (ConditionDefinition c : w.conditions()) {
        if (c.isImplicit()) {
          implicitCondition(c);
        }
      }
    }
    section("flows");
    for (NetGraph.Input f : NetGraph.conditionFlows(w)) {
      edge(quote(f.condition().name()), in(f.task()), List.of());
    }
    for (TaskDefinition t : w.tasks()) {
      for (ConditionDefinition c : t.outputs()) {
        output(new NetGraph.Output(t, c));
      }
    }
    List<TaskDefinition> owners = NetGraph.regionOwners(w);
    if (!owners.isEmpty()) {
      section("cancellation regions: the owner's completion cancels these elements");
      for (TaskDefinition owner : owners) {
        List<String> members = new ArrayList<>();
        owner.regionTasks().forEach(t -> members.add(t.name()));
        owner.regionConditions().forEach(c -> members.add(c.name()));
        for (int i = 0; i < members.size(); i++) {
          // one label per region is enough; more only clutter the picture
          cancel(owner, members.get(i), i == 0);
        }
      }
    }
    if (view != null) {
      section("legend");
      legend(!owners.isEmpty());
    }
    line("}");
    return out.toString();
  }

  private void condition(ConditionDefinition c) {
    List<String> a = new ArrayList<>();
    a.add("shape=" + (c.isEnd() ? "doublecircle" : "circle"));
    int tokens = NetGraph.tokens(view, c);
    String text = tokens > 0 ? c.name() + "\n" + NetGraph.tokens(tokens) : c.name();
    a.add("label=" + label(text));
    if (c.isStart() || c.isEnd()) {
      a.add("color=" + quote(c.isStart() ? NetGraph.START_COLOR : NetGraph.END_COLOR));
      a.add("penwidth=2");
    }
    if (tokens > 0) {
      a.add("style=filled");
      a.add("fillcolor=" + quote(NetGraph.MARKED_FILL));
    }
    String role = c.isStart() ? "start condition " : c.isEnd() ? "end condition " : "condition ";
    a.add("tooltip=" + label(role + c.name() + (tokens > 0 ? ": " + NetGraph.tokens(tokens) : "")));
    node(c.name(), a);
  }

  private void implicitCondition(ConditionDefinition c) {
    List<String> a = new ArrayList<>();
    int tokens = NetGraph.tokens(view, c);
    if (tokens > 0) {
      a.add("shape=circle");
      a.add("fixedsize=true");
      a.add("width=0.3");
      a.add("fontsize=9");
      a.add("label=" + quote(Integer.toString(tokens)));
      a.add("style=filled");
      a.add("fillcolor=" + quote(NetGraph.MARKED_FILL));
      a.add("tooltip=" + label("implicit condition " + c.name() + ": " + NetGraph.tokens(tokens)));
    } else {
      a.add("shape=point");
      a.add("width=0.08");
      a.add("tooltip=" + label("implicit condition " + c.name()));
    }
    node(c.name(), a);
  }

  private void task(TaskDefinition t) {
    TaskState state = NetGraph.state(view, t);
    List<String> fields = new ArrayList<>();
    if (NetGraph.showsJoin(t)) {
      fields.add("<j> " + t.joinType());
    }
    String name = recordText(t.name());
    fields.add(state == null ? name : name + "\\n" + state.id());
    if (NetGraph.showsSplit(t)) {
      fields.add("<s> " + t.splitType());
    }
    List<String> a = new ArrayList<>();
    a.add("shape=record");
    // in a left-to-right graph, braces lay the fields out from left to right
    a.add("label=\"{" + String.join("|", fields) + "}\"");
    List<String> style = new ArrayList<>();
    if (NetGraph.isDummy(t)) {
      style.add("dashed");
    }
    if (state != null) {
      style.add("filled");
      a.add("fillcolor=" + quote(NetGraph.fill(state)));
    }
    if (!style.isEmpty()) {
      a.add("style=" + quote(String.join(",", style)));
    }
    String tooltip =
        (NetGraph.isDummy(t) ? "dummy task " : "task ")
            + t.name()
            + ": "
            + t.joinType()
            + " join, "
            + t.splitType()
            + " split"
            + (state == null ? "" : ", " + state.id());
    a.add("tooltip=" + label(tooltip));
    node(t.name(), a);
  }

  private void output(NetGraph.Output f) {
    TaskDefinition t = f.task();
    ConditionDefinition c = f.condition();
    List<String> a = new ArrayList<>();
    if (c.isImplicit()) {
      a.add("arrowhead=none");
    }
    if (f.isDefault()) {
      a.add("label=\"default\"");
    }
    edge(out(t), quote(c.name()), a);
    if (c.isImplicit()) {
      c.consumers().forEach(next -> edge(quote(c.name()), in(next), List.of()));
    }
  }

  private void cancel(TaskDefinition owner, String member, boolean labelled) {
    List<String> a = new ArrayList<>();
    a.add("style=dashed");
    a.add("color=" + quote(NetGraph.CANCEL_COLOR));
    a.add("arrowhead=tee");
    a.add("constraint=false");
    if (labelled) {
      a.add("fontcolor=" + quote(NetGraph.CANCEL_COLOR));
      a.add("label=\"cancels\"");
    }
    a.add("tooltip=" + label(owner.name() + " cancels " + member));
    edge(quote(owner.name()), quote(member), a);
  }

  private void legend(boolean regions) {
    StringBuilder t = new StringBuilder();
    t.append("<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"3\">");
    t.append("<tr><td colspan=\"2\"><b>legend</b></td></tr>");
    for (TaskState s : NetGraph.LEGEND) {
      legendRow(t, NetGraph.fill(s), "task " + s.id());
    }
    legendRow(t, NetGraph.MARKED_FILL, "condition with tokens");
    if (regions) {
      t.append("<tr><td><font color=\"")
          .append(NetGraph.CANCEL_COLOR)
          .append("\">- - -</font></td><td align=\"left\">cancels (region)</td></tr>");
    }
    t.append("</table>>");
    String id = legendId();
    line(INDENT + "{");
    line(INDENT + INDENT + "rank=sink;");
    line(INDENT + INDENT + quote(id) + " [shape=plaintext, fontsize=9, label=" + t + "];");
    line(INDENT + "}");
  }

  private static void legendRow(StringBuilder t, String fill, String text) {
    t.append("<tr><td bgcolor=\"")
        .append(fill)
        .append("\" width=\"16\"></td><td align=\"left\">")
        .append(text)
        .append("</td></tr>");
  }

  /** "legend", or "legend_", "legend__"... when an element has that name. */
  private String legendId() {
    String id = "legend";
    while (w.task(id).isPresent() || w.condition(id).isPresent()) {
      id += "_";
    }
    return id;
  }

  /** Where flows enter a task: its join when drawn. */
  private static String in(TaskDefinition t) {
    return quote(t.name()) + (NetGraph.showsJoin(t) ? ":j" : "");
  }

  /** Where flows leave a task: its split when drawn. */
  private static String out(TaskDefinition t) {
    return quote(t.name()) + (NetGraph.showsSplit(t) ? ":s" : "");
  }

  private void node(String name, List<String> attributes) {
    line(INDENT + quote(name) + " [" + String.join(", ", attributes) + "];");
  }

  private void edge(String from, String to, List<String> attributes) {
    String a = attributes.isEmpty() ? "" : " [" + String.join(", ", attributes) + "]";
    line(INDENT + from + " -> " + to + a + ";");
  }

  private void section(String comment) {
    line("");
    line(INDENT + "// " + comment);
  }

  private void line(String s) {
    out.append(s).append('\n');
  }

  /**
   * A quoted DOT id: backslashes doubled (so none escapes the closing quote), quotes escaped, line
   * breaks and other control characters written as escapes or spaces.
   */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '"' -> b.append("\\\"");
        case '\n' -> b.append("\\n");
        default -> b.append(Character.isISOControl(c) ? ' ' : c);
      }
    }
    return b.append('"').toString();
  }

  /**
   * A quoted label: as {@link #quote}, so a backslash in a name stays a backslash ({@code \\}) and
   * a line break in the text becomes a centred line break ({@code \n}).
   */
  static String label(String s) {
    return quote(s);
  }

  /**
   * Text inside a record field (without the quotes of the label): the characters that structure a
   * record ({@code { } | < >}) and spaces are escaped with a backslash, as are backslashes and
   * quotes.
   */
  static String recordText(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '"' -> b.append("\\\"");
        case '{', '}', '|', '<', '>', ' ' -> b.append('\\').append(c);
        case '\n' -> b.append("\\n");
        default -> b.append(Character.isISOControl(c) ? "\\ " : String.valueOf(c));
      }
    }
    return b.toString();
  }
}
