package dev.tasquencer.examples.er;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.identity.IdentitySetup;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A role of the ER staff and the scopes it grants; every role includes {@link Scope#STAFF}. Each is
 * an engine role of the same name in lower case ({@link #engineName()}), declared by {@link
 * #declareAll}; the simulated staff are users holding one role each ({@link #member}). The engine
 * checks the scopes: the journey's actions declare policies, so a step by a member without the
 * scope fails with {@code NotAuthorizedException} and changes nothing.
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

  /** The engine role: {@code er.triage_nurse}, and so on. */
  public String engineName() {
    return Scope.MODULE + "." + name().toLowerCase(Locale.ROOT);
  }

  /**
   * The {@code n}-th member of staff holding this role (from 1), a user like {@code
   * er-triage-nurse-1}. {@link ErDemo} assigns the role to as many members as it needs.
   */
  public Actor member(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("staff members are numbered from 1, was " + n);
    }
    return Actor.user(
        Scope.MODULE + "-" + name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + n);
  }

  /** Declares the ER's scope module and every role with its grants (the engine's bootstrap). */
  public static IdentitySetup declareAll(IdentitySetup identity) {
    IdentitySetup id = identity.scopes(Scope.module());
    for (Role r : values()) {
      id =
          id.role(
              r.engineName(),
              "ER " + r.name().toLowerCase(Locale.ROOT).replace('_', ' '),
              r.scopes.stream().map(Scope::id).sorted().toArray(String[]::new));
    }
    return id;
  }
}
