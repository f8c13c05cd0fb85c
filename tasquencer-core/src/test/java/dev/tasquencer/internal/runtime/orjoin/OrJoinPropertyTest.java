package dev.tasquencer.internal.runtime.orjoin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.builder.JoinType;
import dev.tasquencer.builder.TaskDefinition;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.RandomNets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * The OR-join analysis (backward coverability on the reset net) agrees with an explicit forward
 * search of the reachable states on random small nets and random markings.
 */
class OrJoinPropertyTest {

  @Property(tries = 300)
  void analysisAgreesWithExplicitSearch(@ForAll long seed) {
    Random rnd = new Random(seed);
    var net =
        RandomNets.generate(
            rnd, 6, true, i -> Nets.noInit(), (task, routes, many) -> List.of(routes.get(0)));
    var def = net.definition();
    List<TaskDefinition> orJoins =
        def.tasks().stream().filter(t -> t.joinType() == JoinType.OR).toList();
    Assume.that(!orJoins.isEmpty());
    OrJoinAnalyzer analyzer = new OrJoinAnalyzer(def);
    for (int sample = 0; sample < 5; sample++) {
      int[] marking = new int[def.conditions().size()];
      for (int i = 0; i < marking.length; i++) {
        int r = rnd.nextInt(10);
        marking[i] = r < 6 ? 0 : r < 9 ? 1 : 2;
      }
      marking[def.endCondition().index()] = 0;
      boolean[] started = new boolean[def.tasks().size()];
      for (int i = 0; i < started.length; i++) {
        started[i] = rnd.nextInt(4) == 0;
      }
      for (TaskDefinition j : orJoins) {
        if (started[j.index()]) {
          continue;
        }
        Optional<Boolean> expected = ExplicitOrJoin.enabled(def, j, marking, started);
        Statistics.label("conclusive").collect(expected.isPresent());
        if (expected.isEmpty()) {
          continue;
        }
        boolean actual = analyzer.enabled(j, marking, started);
        Statistics.label("enabled").collect(actual);
        assertThat(actual)
            .as(
                "OR-join %s with marking %s started %s in net:%n%s",
                j.name(), Arrays.toString(marking), Arrays.toString(started), describe(def))
            .isEqualTo(expected.get());
      }
    }
  }

  private static String describe(dev.tasquencer.builder.WorkflowDefinition def) {
    StringBuilder sb = new StringBuilder();
    def.conditions().forEach(c -> sb.append("  ").append(c.index()).append(' ').append(c.name()));
    sb.append('\n');
    for (TaskDefinition t : def.tasks()) {
      sb.append("  ")
          .append(t.name())
          .append(" join=")
          .append(t.joinType())
          .append(" split=")
          .append(t.splitType())
          .append(" in=")
          .append(t.inputs().stream().map(c -> c.name()).toList())
          .append(" out=")
          .append(t.outputs().stream().map(c -> c.name()).toList())
          .append(" region=")
          .append(t.regionTasks().stream().map(TaskDefinition::name).toList())
          .append(t.regionConditions().stream().map(c -> c.name()).toList())
          .append('\n');
    }
    return sb.toString();
  }
}
