package dev.tasquencer.examples.er;

import dev.tasquencer.api.identity.ScopeModule;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a member of the ER staff may do. Every human step of the patient journey requires one scope
 * (declared by the step's policies, checked by the engine); a {@link Role} grants a set of them.
 * The scopes form the engine scope module {@code er} ({@link #module()}), with one nested module
 * per department ({@code er:specialist:*} covers every specialist scope).
 */
public enum Scope {
  STAFF("er:staff", "Admit patients"),
  TRIAGE_WRITE("er:triage:write", "Triage patients"),
  NURSING_WRITE("er:nursing:write", "Give medication and do the daily checks"),
  PHYSICIAN_WRITE("er:physician:write", "Review diagnostics; let a patient leave"),
  SPECIALIST_CONSULT("er:specialist:consult", "Give specialist consultations"),
  SPECIALIST_CARDIOLOGY("er:specialist:cardiology", "Consult as a cardiologist"),
  SPECIALIST_NEUROLOGY("er:specialist:neurology", "Consult as a neurologist"),
  SPECIALIST_ORTHOPEDICS("er:specialist:orthopedics", "Consult as an orthopedist"),
  SPECIALIST_SURGERY("er:specialist:surgery", "Operate"),
  DIAGNOSTICS_XRAY("er:diagnostics:xray", "Take and read x-rays"),
  DIAGNOSTICS_LAB("er:diagnostics:lab", "Analyze blood samples"),
  PHARMACY_WRITE("er:pharmacy:write", "Reconcile medications"),
  SUPPORT_ADMISSION("er:support:admission", "Admit patients to the hospital"),
  SUPPORT_DISCHARGE("er:support:discharge", "Plan and record discharges");

  /** The top-level module of every ER scope. */
  public static final String MODULE = "er";

  private final String id;
  private final String description;

  Scope(String id, String description) {
    this.id = id;
    this.description = description;
  }

  /** The scope as the engine knows it, like {@code er:triage:write}. */
  public String id() {
    return id;
  }

  /**
   * The engine scope module of the ER: {@code er} with the scope {@code staff} and one nested
   * module per department ({@code triage}, {@code nursing}, {@code specialist}, ...).
   */
  public static ScopeModule module() {
    ScopeModule er = ScopeModule.of(MODULE, "Emergency room");
    Map<String, ScopeModule> departments = new LinkedHashMap<>();
    for (Scope s : values()) {
      String[] parts = s.id.split(":");
      if (parts.length == 2) {
        er = er.scope(parts[1], s.description);
      } else {
        departments.merge(
            parts[1],
            ScopeModule.of(parts[1], "ER department " + parts[1]).scope(parts[2], s.description),
            (had, one) -> had.scope(parts[2], s.description));
      }
    }
    for (ScopeModule d : departments.values()) {
      er = er.module(d);
    }
    return er;
  }
}
