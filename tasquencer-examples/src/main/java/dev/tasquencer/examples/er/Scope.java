package dev.tasquencer.examples.er;

/**
 * What a member of the ER staff may do. Every human step of the patient journey requires one scope;
 * a {@link Role} grants a set of them.
 */
public enum Scope {
  STAFF("er:staff"),
  TRIAGE_WRITE("er:triage:write"),
  NURSING_WRITE("er:nursing:write"),
  PHYSICIAN_WRITE("er:physician:write"),
  SPECIALIST_CONSULT("er:specialist:consult"),
  SPECIALIST_CARDIOLOGY("er:specialist:cardiology"),
  SPECIALIST_NEUROLOGY("er:specialist:neurology"),
  SPECIALIST_ORTHOPEDICS("er:specialist:orthopedics"),
  SPECIALIST_SURGERY("er:specialist:surgery"),
  DIAGNOSTICS_XRAY("er:diagnostics:xray"),
  DIAGNOSTICS_LAB("er:diagnostics:lab"),
  PHARMACY_WRITE("er:pharmacy:write"),
  SUPPORT_ADMISSION("er:support:admission"),
  SUPPORT_DISCHARGE("er:support:discharge");

  private final String id;

  Scope(String id) {
    this.id = id;
  }

  /** The scope as written in the documentation, like {@code er:triage:write}. */
  public String id() {
    return id;
  }
}
