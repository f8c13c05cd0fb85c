package dev.tasquencer.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.api.InstanceView;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.RandomNets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The structure of {@code toDot()} and {@code toMermaid()}: YAWL's elements (conditions, tasks with
 * their join and split, dummy tasks, implicit conditions, cancellation regions, default flows), an
 * instance's colours, escaping of any name, and output that depends only on the definition.
 */
class GraphExportTest {

  /** The lines of the text that are edges ({@code a -> b}), in order. */
  static List<String> dotEdges(String dot) {
    return dot.lines().map(String::strip).filter(l -> l.contains(" -> ")).toList();
  }

  /** The line declaring the node with the given (already quoted) id. */
  static String dotNode(String dot, String quotedId) {
    return dot.lines()
        .map(String::strip)
        .filter(l -> l.startsWith(quotedId + " ["))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no node " + quotedId + " in\n" + dot));
  }

  /** The view of the region net at a moment where every kind of colouring is needed. */
  static InstanceView regionView() {
    Map<String, Integer> marking = new LinkedHashMap<>();
    marking.put("start", 0);
    marking.put("waiting", 1);
    marking.put("split__to__timeout", 2);
    marking.put("no such condition", 5);
    Map<String, TaskState> states = new LinkedHashMap<>();
    states.put("split", TaskState.COMPLETED);
    states.put("work", TaskState.COMPLETED);
    states.put("finish", TaskState.STARTED);
    states.put("timeout", TaskState.ENABLED);
    states.put("no such task", TaskState.FAILED);
    return new InstanceView(marking, states);
  }

  @Nested
  class Dot {
    @Test
    void sequenceLikeBillingHasCirclesBoxesAndAPointOnTheTaskToTaskFlow() {
      String dot = GraphNets.sequence().toDot();

      assertThat(dot).startsWith("digraph \"billing\" {\n").endsWith("}\n");
      assertThat(dot).contains("rankdir=LR").contains("label=\"billing v1\"");
      assertThat(dotNode(dot, "\"start\""))
          .contains("shape=circle", "label=\"start\"", "color=\"#2e7d32\"");
      assertThat(dotNode(dot, "\"end\""))
          .contains("shape=doublecircle", "label=\"end\"", "color=\"#c62828\"");
      // one input, one output, AND: nothing to decorate
      assertThat(dotNode(dot, "\"generateInvoices\""))
          .contains("shape=record", "label=\"{generateInvoices}\"")
          .doesNotContain("dashed", "filled");
      assertThat(dotNode(dot, "\"generateInvoices__to__sendSummary\"")).contains("shape=point");
      assertThat(dotEdges(dot))
          .containsExactly(
              "\"start\" -> \"generateInvoices\";",
              "\"generateInvoices\" -> \"generateInvoices__to__sendSummary\" [arrowhead=none];",
              "\"generateInvoices__to__sendSummary\" -> \"sendSummary\";",
              "\"sendSummary\" -> \"end\";");
      // a definition alone: no colours, no legend, no default or cancel labels
      assertThat(dot).doesNotContain("fillcolor", "legend", "default", "cancels");
    }

    @Test
    void splitsAndJoinsAreDrawnOnTheirSideAndDefaultFlowsLabelled() {
      String dot = GraphNets.splits().toDot();

      assertThat(dotNode(dot, "\"triage\"")).contains("label=\"{triage|<s> XOR}\"");
      assertThat(dotNode(dot, "\"review\"")).contains("label=\"{review|<s> OR}\"");
      assertThat(dotNode(dot, "\"close\"")).contains("label=\"{<j> XOR|close}\"");
      assertThat(dotNode(dot, "\"notify\"")).contains("label=\"{notify}\"");
      assertThat(dotNode(dot, "\"archived\"")).contains("shape=circle", "label=\"archived\"");
      assertThat(dotEdges(dot))
          .containsExactly(
              "\"start\" -> \"triage\";",
              "\"archived\" -> \"close\":j;",
              "\"triage\":s -> \"triage__to__fastTrack\" [arrowhead=none];",
              "\"triage__to__fastTrack\" -> \"fastTrack\";",
              "\"triage\":s -> \"triage__to__review\" [arrowhead=none, label=\"default\"];",
              "\"triage__to__review\" -> \"review\";",
              "\"fastTrack\" -> \"fastTrack__to__close\" [arrowhead=none];",
              "\"fastTrack__to__close\" -> \"close\":j;",
              "\"review\":s -> \"review__to__notify\" [arrowhead=none];",
              "\"review__to__notify\" -> \"notify\";",
              "\"review\":s -> \"archived\" [label=\"default\"];",
              "\"notify\" -> \"notify__to__close\" [arrowhead=none];",
              "\"notify__to__close\" -> \"close\":j;",
              "\"close\" -> \"end\";");
    }

    @Test
    void dummyTasksAreDashedAndAnAndJoinOfTwoFlowsIsShown() {
      String dot = GraphNets.dummy().toDot();

      assertThat(dotNode(dot, "\"fork\""))
          .contains("label=\"{fork|<s> AND}\"", "style=\"dashed\"", "tooltip=\"dummy task fork");
      assertThat(dotNode(dot, "\"join\"")).contains("label=\"{<j> AND|join}\"");
      for (String atomic : List.of("\"left\"", "\"right\"", "\"join\"")) {
        assertThat(dotNode(dot, atomic)).doesNotContain("dashed");
      }
    }

    @Test
    void cancellationRegionsAreDashedRedEdgesFromTheOwnerThatDoNotShapeTheLayout() {
      String dot = GraphNets.region().toDot();

      List<String> cancels =
          dotEdges(dot).stream().filter(e -> e.contains("arrowhead=tee")).toList();
      assertThat(cancels)
          .extracting(e -> e.substring(0, e.indexOf(" [")))
          .containsExactly(
              "\"timeout\" -> \"work\"",
              "\"timeout\" -> \"finish\"",
              "\"timeout\" -> \"waiting\"",
              "\"timeout\" -> \"split__to__work\"");
      assertThat(cancels)
          .allSatisfy(
              e -> assertThat(e).contains("style=dashed", "color=\"#c62828\"", "constraint=false"));
      // one label per region
      assertThat(cancels).filteredOn(e -> e.contains("label=\"cancels\"")).hasSize(1);
      assertThat(dotEdges(dot).stream().filter(e -> e.contains("dashed"))).hasSize(4);
    }

    @Test
    void aLoopGoesBackIntoTheXorJoin() {
      String dot = GraphNets.loop().toDot();

      assertThat(dotNode(dot, "\"draft\"")).contains("label=\"{<j> XOR|draft}\"");
      assertThat(dotNode(dot, "\"check\"")).contains("label=\"{check|<s> XOR}\"");
      assertThat(dotEdges(dot))
          .contains(
              "\"check\":s -> \"check__to__draft\" [arrowhead=none];",
              "\"check__to__draft\" -> \"draft\":j;",
              "\"check\":s -> \"end\" [label=\"default\"];",
              "\"start\" -> \"draft\":j;");
    }

    @Test
    void anInstanceColoursTasksByStateAndMarkedConditionsWithTheirTokens() {
      String dot = GraphNets.region().toDot(regionView());

      assertThat(dotNode(dot, "\"split\""))
          .contains("label=\"{split\\ncompleted|<s> AND}\"", "fillcolor=\"#a5d6a7\"")
          .contains("style=\"filled\"");
      assertThat(dotNode(dot, "\"finish\"")).contains("fillcolor=\"#90caf9\"", "\\nstarted");
      assertThat(dotNode(dot, "\"timeout\"")).contains("fillcolor=\"#fff59d\"", "\\nenabled");
      assertThat(dotNode(dot, "\"waiting\""))
          .contains("label=\"waiting\\n1 token\"", "style=filled", "fillcolor=\"#ffcc80\"");
      assertThat(dotNode(dot, "\"split__to__timeout\""))
          .contains("shape=circle", "label=\"2\"", "fillcolor=\"#ffcc80\"");
      // empty conditions stay as they are
      assertThat(dotNode(dot, "\"start\"")).contains("label=\"start\"").doesNotContain("fill");
      assertThat(dotNode(dot, "\"split__to__work\"")).contains("shape=point");
      // the legend names every state once, and the cancellation edges
      for (TaskState s : TaskState.values()) {
        assertThat(dot).containsOnlyOnce(">task " + s.id() + "<");
      }
      assertThat(dot).contains("rank=sink", "condition with tokens", "cancels (region)");
      // names the definition does not know are ignored
      assertThat(dot).doesNotContain("no such");
    }

    @Test
    void aTaskTheViewDoesNotKnowIsDrawnWithoutAState() {
      var view = new InstanceView(Map.of(), Map.of("generateInvoices", TaskState.STARTED));
      String dot = GraphNets.sequence().toDot(view);

      assertThat(dotNode(dot, "\"generateInvoices\"")).contains("fillcolor=\"#90caf9\"");
      assertThat(dotNode(dot, "\"sendSummary\""))
          .contains("label=\"{sendSummary}\"")
          .doesNotContain("fill");
      assertThat(dot).contains("legend");
    }

    @Test
    void theLegendNeverTakesTheIdOfAnElement() {
      var def =
          Builder.workflow("w")
              .startCondition("start")
              .task("legend", Nets.autoInit())
              .endCondition("end")
              .connectCondition("start", to -> to.task("legend"))
              .connectTask("legend", to -> to.condition("end"))
              .build();
      String dot = def.toDot(new InstanceView(Map.of(), Map.of()));

      assertThat(dot).contains("\"legend_\" [shape=plaintext");
      assertThat(dotNode(dot, "\"legend\"")).contains("shape=record");
    }
  }

  @Nested
  class Mermaid {
    static final Pattern NODE =
        Pattern.compile(
            "  (c|t)\\d+(\\(\\(\\(\"[^\"]*\"\\)\\)\\)|\\(\\(\"[^\"]*\"\\)\\)|\\[\"[^\"]*\"\\])");
    static final Pattern LINK =
        Pattern.compile("  [ct]\\d+ (-->|---|-\\.->)(\\|\"[^\"]*\"\\|)? [ct]\\d+");
    static final Pattern OTHER =
        Pattern.compile(
            "  (%% .*|classDef \\w+ [^ ]+( [^ ]+)?|class [\\w]+ \\w+|linkStyle [\\d,]+ .*|subgraph"
                + " legend \\[\"legend\"\\]|  legend\\d+(\\[\"[^\"]*\"\\]|\\(\\(\"[^\"]*\"\\)\\))"
                + "|end)");

    /** Every line is a header, node, link, class or legend line of Mermaid's flowchart syntax. */
    void assertFlowchartSyntax(String mermaid) {
      List<String> lines = mermaid.lines().toList();
      assertThat(lines.get(0)).isEqualTo("flowchart LR");
      assertThat(lines.subList(1, lines.size()))
          .allSatisfy(
              l ->
                  assertThat(
                          NODE.matcher(l).matches()
                              || LINK.matcher(l).matches()
                              || OTHER.matcher(l).matches())
                      .as("flowchart line %s", l)
                      .isTrue());
      assertThat(mermaid).endsWith("\n");
    }

    @Test
    void everyNetIsAFlowchart() {
      for (WorkflowDefinition d : GraphNets.all()) {
        assertFlowchartSyntax(d.toMermaid());
      }
      assertFlowchartSyntax(GraphNets.region().toMermaid(regionView()));
    }

    @Test
    void sequenceIsThreeEdgesWithTheImplicitConditionAsAnEdge() {
      String m = GraphNets.sequence().toMermaid();

      assertThat(m.lines())
          .containsExactly(
              "flowchart LR",
              "  %% workflow billing v1",
              "  c0((\"start\"))",
              "  c1(((\"end\")))",
              "  t0[\"generateInvoices\"]",
              "  t1[\"sendSummary\"]",
              "  c0 --> t0",
              "  t0 --> t1",
              "  t1 --> c1",
              "  classDef startCondition stroke:#2e7d32,stroke-width:3px",
              "  classDef endCondition stroke:#c62828,stroke-width:3px",
              "  class c0 startCondition",
              "  class c1 endCondition");
    }

    @Test
    void splitsJoinsAndDefaultsAreInTheLabels() {
      String m = GraphNets.splits().toMermaid();

      assertThat(m)
          .contains("  t0[\"triage<br/>XOR split\"]\n")
          .contains("  t2[\"review<br/>OR split\"]\n")
          .contains("  t4[\"close<br/>XOR join\"]\n")
          .contains("  t0 -->|\"default\"| t2\n")
          .contains("  t2 -->|\"default\"| c1\n")
          .contains("  t0 --> t1\n");
      assertThat(m.lines().filter(l -> l.contains("default"))).hasSize(2);
    }

    @Test
    void dummyTasksAreDashed() {
      String m = GraphNets.dummy().toMermaid();

      assertThat(m).contains("classDef dummy stroke-dasharray:5 5", "  class t0 dummy\n");
      assertThat(m.lines().filter(l -> l.startsWith("  class ") && l.endsWith(" dummy")))
          .hasSize(1);
    }

    @Test
    void cancellationRegionsAreDottedRedLinksAndTheirImplicitConditionsGetANode() {
      String m = GraphNets.region().toMermaid();

      // split__to__work is in the region: a node; split__to__timeout is not: an edge
      var def = GraphNets.region();
      int work = def.condition("split__to__work").orElseThrow().index();
      assertThat(m).contains("  c" + work + "((\" \"))\n");
      assertThat(m).contains("  t0 --- c" + work + "\n", "  c" + work + " --> t1\n");
      assertThat(m).contains("  t0 --> t3\n");
      List<String> links = m.lines().filter(l -> LINK.matcher(l).matches()).toList();
      List<Integer> dotted = new java.util.ArrayList<>();
      for (int i = 0; i < links.size(); i++) {
        if (links.get(i).contains("-.->")) {
          dotted.add(i);
        }
      }
      assertThat(dotted).hasSize(4);
      assertThat(links.get(dotted.get(0))).isEqualTo("  t3 -.->|\"cancels\"| t1");
      assertThat(m)
          .contains(
              "  linkStyle "
                  + String.join(",", dotted.stream().map(String::valueOf).toList())
                  + " stroke:#c62828,color:#c62828\n");
    }

    @Test
    void anInstanceColoursTasksAndConditionsAndAddsALegend() {
      String m = GraphNets.region().toMermaid(regionView());

      assertThat(m)
          .contains("  c1((\"waiting<br/>1 token\"))\n", "  class c1 marked\n")
          .contains("  t0[\"split<br/>AND split<br/>(completed)\"]\n", "  class t0 completed\n")
          .contains("  class t2 started\n", "  class t3 enabled\n")
          // the implicit condition drawn as an edge carries its tokens
          .contains("  t0 -->|\"2 tokens\"| t3\n")
          .contains("  subgraph legend [\"legend\"]\n", "classDef failed fill:#ef9a9a");
      assertThat(m).doesNotContain("no such");
      assertThat(GraphNets.region().toMermaid()).doesNotContain("legend", "marked", "class t");
    }
  }

  @Nested
  class Escaping {
    @Test
    void dotQuotesEveryNameAndEscapesRecordCharacters() {
      String dot = GraphNets.awkwardNames().toDot();

      assertThat(dot).startsWith("digraph \"odd \\\"names\\\" & <such>\" {");
      assertThat(dotNode(dot, "\"say \\\"hi\\\"\"")).contains("label=\"{say\\ \\\"hi\\\"}\"");
      assertThat(dotNode(dot, "\"a {b} | <c> \\\\ d\""))
          .contains("label=\"{a\\ \\{b\\}\\ \\|\\ \\<c\\>\\ \\\\\\ d}\"");
      assertThat(dotNode(dot, "\"#1 & `x`\"")).contains("label=\"{#1\\ &\\ `x`}\"");
      assertThat(dotNode(dot, "\"in put\"")).contains("label=\"in put\"");
      for (String line : dot.lines().toList()) {
        assertThat(unescapedQuotes(line) % 2).as("quotes balanced in %s", line).isZero();
      }
    }

    @Test
    void dotEscapesBackslashesSoNoneEscapesAClosingQuote() {
      assertThat(DotGraph.quote("a\\")).isEqualTo("\"a\\\\\"");
      assertThat(DotGraph.quote("two\nlines\t")).isEqualTo("\"two\\nlines \"");
      assertThat(DotGraph.recordText("x\\")).isEqualTo("x\\\\");
    }

    @Test
    void mermaidUsesEntityCodesInsideQuotedLabels() {
      String m = GraphNets.awkwardNames().toMermaid();

      assertThat(m)
          .contains("  t0[\"say #quot;hi#quot;\"]\n")
          .contains("  t1[\"a {b} | #lt;c#gt; \\ d\"]\n")
          .contains("  t2[\"#35;1 #amp; #96;x#96;\"]\n")
          .contains("  c0((\"in put\"))\n")
          .contains("  %% workflow odd \"names\" & <such> v1\n");
      assertThat(MermaidGraph.text("a\nb")).isEqualTo("a<br/>b");
    }

    private int unescapedQuotes(String line) {
      int n = 0;
      for (int i = 0; i < line.length(); i++) {
        if (line.charAt(i) == '\\') {
          i++;
        } else if (line.charAt(i) == '"') {
          n++;
        }
      }
      return n;
    }
  }

  @Nested
  class Determinism {
    @Test
    void theSameDefinitionAlwaysGivesTheSameText() {
      for (WorkflowDefinition d : GraphNets.all()) {
        assertThat(d.toDot()).isEqualTo(d.toDot());
        assertThat(d.toMermaid()).isEqualTo(d.toMermaid());
      }
      assertThat(GraphNets.splits().toDot()).isEqualTo(GraphNets.splits().toDot());
      assertThat(GraphNets.region().toMermaid(regionView()))
          .isEqualTo(GraphNets.region().toMermaid(regionView()));
    }

    @Test
    void nodesFollowDeclarationOrder() {
      var def = GraphNets.splits();
      String dot = def.toDot();
      int last = -1;
      for (TaskDefinition t : def.tasks()) {
        int at = dot.indexOf(DotGraph.quote(t.name()) + " [");
        assertThat(at).as(t.name()).isGreaterThan(last);
        last = at;
      }
    }

    @Test
    void aViewsMapOrderDoesNotChangeThePicture() {
      var reversed = new LinkedHashMap<String, TaskState>();
      List<Map.Entry<String, TaskState>> entries =
          List.copyOf(regionView().taskStates().entrySet());
      for (int i = entries.size() - 1; i >= 0; i--) {
        reversed.put(entries.get(i).getKey(), entries.get(i).getValue());
      }
      var view = new InstanceView(regionView().marking(), reversed);
      assertThat(GraphNets.region().toDot(view)).isEqualTo(GraphNets.region().toDot(regionView()));
    }

    @Test
    void randomNetsRenderWithEveryElementAndFlow() {
      Random rnd = new Random(7);
      for (int n = 0; n < 50; n++) {
        var def =
            RandomNets.generate(
                    rnd,
                    8,
                    true,
                    i -> Nets.noInit(),
                    (task, routes, many) -> List.of(routes.get(0)))
                .definition();
        String dot = def.toDot();
        String mermaid = def.toMermaid();
        int flows = 0;
        for (ConditionDefinition c : def.conditions()) {
          assertThat(dot).contains(DotGraph.quote(c.name()) + " [");
          flows += c.consumers().size() + c.producers().size();
        }
        int regions = 0;
        for (TaskDefinition t : def.tasks()) {
          assertThat(dot).contains(DotGraph.quote(t.name()) + " [");
          assertThat(mermaid).contains("  t" + t.index() + "[\"");
          regions += t.regionTasks().size() + t.regionConditions().size();
        }
        assertThat(dotEdges(dot)).hasSize(flows + regions);
        assertThat(def.toDot()).isEqualTo(dot);
      }
    }
  }

  @Test
  void aViewNeedsBothMaps() {
    assertThatThrownBy(() -> new InstanceView(null, Map.of()))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> GraphNets.sequence().toDot(null))
        .isInstanceOf(NullPointerException.class);
  }
}
