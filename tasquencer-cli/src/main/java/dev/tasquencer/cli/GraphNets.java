package dev.tasquencer.cli;

import dev.tasquencer.api.identity.IdentitySetup;
import dev.tasquencer.builder.CompositeTaskDefinition;
import dev.tasquencer.builder.TaskDefinition;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.examples.approvals.ExpenseWorkflow;
import dev.tasquencer.examples.approvals.Staff;
import dev.tasquencer.examples.billing.BillingJobs;
import dev.tasquencer.examples.billing.BillingWorkflow;
import dev.tasquencer.examples.billing.InvoiceDomain;
import dev.tasquencer.examples.campaign.CampaignDomain;
import dev.tasquencer.examples.campaign.CampaignWorkflow;
import dev.tasquencer.examples.campaign.SimulatedMailer;
import dev.tasquencer.examples.er.ErDomain;
import dev.tasquencer.examples.er.ErWorkflow;
import dev.tasquencer.examples.er.Scope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The nets {@code tasquencer graph} can draw, by the name given on the command line: each root
 * workflow under its short name (an example's demo name, e.g. {@code campaign}) or its own net name
 * ({@code emailCampaign}), and each child workflow by its path below the root: {@code
 * root/task/child}, as {@link WorkflowDefinition#path()} gives it.
 */
final class GraphNets {
  /**
   * A root workflow.
   *
   * @param name the short name on the command line
   * @param demo the demo whose database file holds its instances, or null (own definitions)
   */
  record Root(String name, @Nullable String demo, WorkflowDefinition definition) {}

  /**
   * One net that can be drawn.
   *
   * @param name its name on the command line: the root's short name, then for a child workflow its
   *     composite task and its own name at each level, separated by '/'
   * @param netName the same path with the root's own net name ({@link WorkflowDefinition#path()}
   *     joined by '/')
   * @param parentTask the composite task owning it, or null for the root
   */
  record Net(
      String name,
      String netName,
      Root root,
      WorkflowDefinition definition,
      @Nullable String parentTask) {}

  private final List<Root> roots;
  private final List<Net> nets;

  GraphNets(List<Root> roots) {
    this.roots = List.copyOf(roots);
    List<Net> all = new ArrayList<>();
    for (Root root : roots) {
      add(all, root, root.definition(), root.name(), root.definition().name(), null);
    }
    this.nets = Collections.unmodifiableList(all);
  }

  /**
   * The scope modules the examples' policies name: an engine that registers their definitions needs
   * them declared (it stores no role or group for them: reading instances writes nothing).
   */
  static void declareScopes(IdentitySetup identity) {
    identity.scopes(Scope.module(), Staff.EXPENSE);
  }

  /**
   * The example workflows: billing, campaign (the net emailCampaign), er (erPatientJourney),
   * approvals (expense).
   */
  static GraphNets examples() {
    return new GraphNets(
        List.of(
            new Root("billing", "billing", BillingWorkflow.definition(new InvoiceDomain())),
            new Root(
                "campaign",
                "campaign",
                CampaignWorkflow.definition(new CampaignDomain(new SimulatedMailer(0, 0)))),
            // a definition to draw: its activities never run, so no shift is opened
            new Root("er", "er", ErWorkflow.definition(new ErDomain(new UUID(0, 0)))),
            new Root("approvals", "approvals", ExpenseWorkflow.definition())));
  }

  /**
   * The nets whose instances the demos create: the examples, and the billing demo's jobs mode
   * ({@code billingJobs}).
   */
  static GraphNets instances() {
    List<Root> roots = new ArrayList<>(examples().roots);
    roots.add(new Root(BillingJobs.NAME, "billing", BillingJobs.definition()));
    return new GraphNets(roots);
  }

  /** A definition of one's own: its root goes by its net name. */
  static GraphNets of(WorkflowDefinition definition) {
    return new GraphNets(List.of(new Root(definition.name(), null, definition)));
  }

  /** Depth first, children in declaration order; a recursive task's child is its own workflow. */
  private static void add(
      List<Net> all,
      Root root,
      WorkflowDefinition definition,
      String name,
      String netName,
      @Nullable String parentTask) {
    all.add(new Net(name, netName, root, definition, parentTask));
    for (TaskDefinition task : definition.tasks()) {
      if (task instanceof CompositeTaskDefinition composite) {
        for (WorkflowDefinition child : composite.children().values()) {
          if (child == definition) {
            continue;
          }
          String step = "/" + task.name() + "/" + child.name();
          add(all, root, child, name + step, netName + step, task.name());
        }
      }
    }
  }

  List<Net> all() {
    return nets;
  }

  /** The root definitions. */
  List<Root> roots() {
    return roots;
  }

  /** The net with this name, by its short name or its net name. */
  Optional<Net> find(String name) {
    return nets.stream().filter(n -> n.name().equals(name) || n.netName().equals(name)).findFirst();
  }

  /** The short names, comma separated. */
  String names() {
    return String.join(", ", nets.stream().map(Net::name).toList());
  }

  /** Two columns: the name to give and the net it draws. */
  String table() {
    int width = "NAME".length();
    for (Net n : nets) {
      width = Math.max(width, n.name().length());
    }
    StringBuilder sb = new StringBuilder();
    String row = "%-" + width + "s  %s%n";
    sb.append(String.format(row, "NAME", "NET"));
    for (Net n : nets) {
      sb.append(String.format(row, n.name(), n.definition().name()));
    }
    return sb.toString();
  }
}
