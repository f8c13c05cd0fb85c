package dev.tasquencer.builder;

import dev.tasquencer.api.InstanceView;
import dev.tasquencer.api.TaskState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes a net as a Mermaid flowchart (left to right), for Markdown pages: conditions are circles
 * (the end a double circle), tasks are boxes naming the join and split when they decide something,
 * dummy tasks are dashed, a task-to-task flow is a direct edge (its implicit condition becomes a
 * small circle only when a cancellation region empties it), cancellation regions are dotted red
 * edges, and a default flow is labelled "default". With an {@link InstanceView}, marked conditions
 * are filled and show their tokens, tasks are filled by state, and a legend explains the colours.
 *
 * <p>Node ids are {@code c<index>} and {@code t<index>} (Mermaid ids cannot hold arbitrary names,
 * and {@code end} is a keyword); names appear only in quoted, escaped labels.
 */
final class MermaidGraph {
  private static final String INDENT = "  ";

  /** Class names and their styles, in the order they are written. */
  private static final Map<String, String> STYLES = styles();

  private final WorkflowDefinition w;
  private final @Nullable InstanceView view;
  private final StringBuilder out = new StringBuilder();
  private final Map<String, List<String>> classes = new LinkedHashMap<>();
  private final List<Integer> cancelLinks = new ArrayList<>();
  private int links;

  private MermaidGraph(WorkflowDefinition w, @Nullable InstanceView view) {
    this.w = w;
    this.view = view;
    STYLES.keySet().forEach(k -> classes.put(k, new ArrayList<>()));
  }

  /** The flowchart of the definition, coloured by {@code view} when it is not null. */
  static String render(WorkflowDefinition w, @Nullable InstanceView view) {
    return new MermaidGraph(w, view).render();
  }

  private static Map<String, String> styles() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("startCondition", "stroke:" + NetGraph.START_COLOR + ",stroke-width:3px");
    m.put("endCondition", "stroke:" + NetGraph.END_COLOR + ",stroke-width:3px");
    m.put("implicit", "fill:#616161,stroke:#616161");
    m.put("marked", "fill:" + NetGraph.MARKED_FILL);
    m.put("dummy", "stroke-dasharray:5 5");
    for (TaskState s : NetGraph.LEGEND) {
      m.put(s.id(), "fill:" + NetGraph.fill(s));
    }
    return m;
  }

  private String render() {
    line("flowchart LR");
    line(INDENT + "%% workflow " + comment(w.name()) + " " + comment(w.version()));
    for (ConditionDefinition c : w.conditions()) {
      if (!c.isImplicit()) {
        condition(c);
      } else if (drawnAsNode(c)) {
        implicitCondition(c);
      }
    }
    w.tasks().forEach(this::task);
    for (NetGraph.Input f : NetGraph.conditionFlows(w)) {
      link(id(f.condition()), "-->", null, id(f.task()));
    }
    for (TaskDefinition t : w.tasks()) {
      for (ConditionDefinition c : t.outputs()) {
        output(new NetGraph.Output(t, c));
      }
    }
    for (TaskDefinition owner : NetGraph.regionOwners(w)) {
      List<String> members = new ArrayList<>();
      owner.regionTasks().forEach(t -> members.add(id(t)));
      owner.regionConditions().forEach(c -> members.add(id(c)));
      for (int i = 0; i < members.size(); i++) {
        cancel(owner, members.get(i), i == 0);
      }
    }
    if (view != null) {
      legend();
    }
    classes.forEach(
        (name, ids) -> {
          if (!ids.isEmpty()) {
            line(INDENT + "classDef " + name + " " + STYLES.get(name));
          }
        });
    classes.forEach((name, ids) -> ids.forEach(id -> line(INDENT + "class " + id + " " + name)));
    if (!cancelLinks.isEmpty()) {
      List<String> indexes = cancelLinks.stream().map(String::valueOf).toList();
      line(
          INDENT
              + "linkStyle "
              + String.join(",", indexes)
              + " stroke:"
              + NetGraph.CANCEL_COLOR
              + ",color:"
              + NetGraph.CANCEL_COLOR);
    }
    return out.toString();
  }

  /**
   * An implicit condition is a direct task-to-task edge, unless a cancellation region empties it
   * (the region's edge needs a node to point at) or it does not join exactly one task to another.
   */
  private boolean drawnAsNode(ConditionDefinition c) {
    return NetGraph.inRegion(w, c) || c.producers().size() != 1 || c.consumers().size() != 1;
  }

  private void condition(ConditionDefinition c) {
    int tokens = NetGraph.tokens(view, c);
    String text = text(c.name()) + (tokens > 0 ? "<br/>" + NetGraph.tokens(tokens) : "");
    String id = id(c);
    // (( )) is a circle, ((( ))) a double circle
    line(INDENT + id + (c.isEnd() ? "(((\"" + text + "\")))" : "((\"" + text + "\"))"));
    if (c.isStart()) {
      cls("startCondition").add(id);
    } else if (c.isEnd()) {
      cls("endCondition").add(id);
    }
    if (tokens > 0) {
      cls("marked").add(id);
    }
  }

  private void implicitCondition(ConditionDefinition c) {
    int tokens = NetGraph.tokens(view, c);
    String id = id(c);
    line(INDENT + id + "((\"" + (tokens > 0 ? Integer.toString(tokens) : " ") + "\"))");
    cls(tokens > 0 ? "marked" : "implicit").add(id);
  }

  private void task(TaskDefinition t) {
    StringBuilder text = new StringBuilder(text(t.name()));
    List<String> routing = new ArrayList<>();
    if (NetGraph.showsJoin(t)) {
      routing.add(t.joinType() + " join");
    }
    if (NetGraph.showsSplit(t)) {
      routing.add(t.splitType() + " split");
    }
    if (!routing.isEmpty()) {
      text.append("<br/>").append(String.join(", ", routing));
    }
    TaskState state = NetGraph.state(view, t);
    if (state != null) {
      text.append("<br/>(").append(state.id()).append(')');
    }
    String id = id(t);
    line(INDENT + id + "[\"" + text + "\"]");
    if (NetGraph.isDummy(t)) {
      cls("dummy").add(id);
    }
    if (state != null) {
      cls(state.id()).add(id);
    }
  }

  private void output(NetGraph.Output f) {
    TaskDefinition t = f.task();
    ConditionDefinition c = f.condition();
    @Nullable String label = f.isDefault() ? "default" : null;
    if (!c.isImplicit()) {
      link(id(t), "-->", label, id(c));
    } else if (drawnAsNode(c)) {
      link(id(t), "---", label, id(c));
      c.consumers().forEach(next -> link(id(c), "-->", null, id(next)));
    } else {
      int tokens = NetGraph.tokens(view, c);
      if (tokens > 0) {
        label = (label == null ? "" : label + ", ") + NetGraph.tokens(tokens);
      }
      link(id(t), "-->", label, id(c.consumers().get(0)));
    }
  }

  private void cancel(TaskDefinition owner, String member, boolean labelled) {
    cancelLinks.add(links);
    link(id(owner), "-.->", labelled ? "cancels" : null, member);
  }

  private void legend() {
    line(INDENT + "subgraph legend [\"legend\"]");
    int i = 0;
    for (TaskState s : NetGraph.LEGEND) {
      String id = "legend" + i++;
      line(INDENT + INDENT + id + "[\"task " + s.id() + "\"]");
      cls(s.id()).add(id);
    }
    String marked = "legend" + i;
    line(INDENT + INDENT + marked + "((\"condition with tokens\"))");
    cls("marked").add(marked);
    line(INDENT + "end");
  }

  /** The members of a class that {@link #STYLES} declares. */
  private List<String> cls(String name) {
    return Objects.requireNonNull(classes.get(name), name);
  }

  private void link(String from, String arrow, @Nullable String label, String to) {
    String text = label == null ? "" : "|\"" + label + "\"|";
    line(INDENT + from + " " + arrow + text + " " + to);
    links++;
  }

  private static String id(ConditionDefinition c) {
    return "c" + c.index();
  }

  private static String id(TaskDefinition t) {
    return "t" + t.index();
  }

  private void line(String s) {
    out.append(s).append('\n');
  }

  /**
   * The text of a quoted label: Mermaid's entity codes for the characters that would end the string
   * or be read as markup or as an entity ({@code " # & < > `}), line breaks as {@code <br/>}.
   */
  static String text(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '#' -> b.append("#35;");
        case '"' -> b.append("#quot;");
        case '&' -> b.append("#amp;");
        case '<' -> b.append("#lt;");
        case '>' -> b.append("#gt;");
        case '`' -> b.append("#96;");
        case '\n' -> b.append("<br/>");
        default -> b.append(Character.isISOControl(c) ? ' ' : c);
      }
    }
    return b.toString();
  }

  /** Text in a {@code %%} comment: one line. */
  private static String comment(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.chars().forEach(c -> b.append(Character.isISOControl(c) ? ' ' : (char) c));
    return b.toString();
  }
}
