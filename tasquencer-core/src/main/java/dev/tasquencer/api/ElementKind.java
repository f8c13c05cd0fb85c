package dev.tasquencer.api;

import java.util.Locale;

/** The kind of element a history event is about. */
public enum ElementKind {
  WORKFLOW,
  TASK,
  WORK_ITEM,
  CONDITION,
  /** The offer and claims of a work item (its allocation, apart from its engine state). */
  ALLOCATION,
  /** An incident on a job's owner: opened, retried, resolved (docs/incidents.md). */
  INCIDENT;

  /** The lower-case name, made once. */
  private final String id = name().toLowerCase(Locale.ROOT);

  /** The lower-case name used in storage and JSON ({@code "work_item"}). */
  public String id() {
    return id;
  }

  /** The kind of a lower-case name ({@code "work_item"}). */
  public static ElementKind of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
