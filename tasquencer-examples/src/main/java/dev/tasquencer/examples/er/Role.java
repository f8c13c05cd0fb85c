package dev.tasquencer.examples.er;

import java.util.EnumSet;
import java.util.Set;

/**
 * A role of the ER staff and the scopes it grants. Every role includes {@link Scope#STAFF}. The
 * demo's simulated staff sign every command with their role; the work items' custom actions check
 * it (see {@link StaffNotAuthorized}).
 */
public enum Role {
  TRIAGE_NURSE(Scope.TRIAGE_WRITE, Scope.NURSING_WRITE),
  FLOOR_NURSE(Scope.NURSING_WRITE),
  SENIOR_DOCTOR(Scope.PHYSICIAN_WRITE),
  CARDIOLOGIST(Scope.SPECIALIST_CONSULT, Scope.SPECIALIST_CARDIOLOGY),
  NEUROLOGIST(Scope.SPECIALIST_CONSULT, Scope.SPECIALIST_NEUROLOGY),
  ORTHOPEDIST(Scope.SPECIALIST_CONSULT, Scope.SPECIALIST_ORTHOPEDICS),
  SURGEON(Scope.SPECIALIST_SURGERY),
  RADIOLOGIST(Scope.DIAGNOSTICS_XRAY),
  LAB_TECHNICIAN(Scope.DIAGNOSTICS_LAB),
  PHARMACIST(Scope.PHARMACY_WRITE),
  ADMISSIONS_CLERK(Scope.SUPPORT_ADMISSION),
  DISCHARGE_COORDINATOR(Scope.SUPPORT_DISCHARGE);

  @SuppressWarnings("ImmutableEnumChecker") // Set.copyOf: unmodifiable
  private final Set<Scope> scopes;

  Role(Scope... granted) {
    Set<Scope> s = EnumSet.of(Scope.STAFF);
    s.addAll(Set.of(granted));
    this.scopes = Set.copyOf(s);
  }

  public Set<Scope> scopes() {
    return scopes;
  }

  public boolean has(Scope scope) {
    return scopes.contains(scope);
  }

  /**
   * Checks that the role grants {@code scope}.
   *
   * @throws StaffNotAuthorized when it does not (the engine call then rolls back)
   */
  public void require(Scope scope, String what) {
    if (!has(scope)) {
      throw new StaffNotAuthorized(this, scope, what);
    }
  }
}
