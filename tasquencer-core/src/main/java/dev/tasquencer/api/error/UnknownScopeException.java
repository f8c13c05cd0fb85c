package dev.tasquencer.api.error;

import java.util.List;

/**
 * A role was given scopes that no {@code ScopeModule} of the engine declares: scopes are defined in
 * code, so a role may hold only declared scopes, wildcards of declared modules ({@code expense:*})
 * and {@code *}. Declare the scope in a module given to {@code TasquencerBuilder.identity(id ->
 * id.scopes(...))}, or fix its spelling.
 */
public class UnknownScopeException extends InvalidArgumentException {
  private static final long serialVersionUID = 1L;
  private final List<String> scopes;

  public UnknownScopeException(String call, List<String> scopes) {
    super(
        call
            + ": "
            + (scopes.size() == 1 ? "scope " : "scopes ")
            + String.join(", ", scopes)
            + (scopes.size() == 1 ? " is" : " are")
            + " not declared in code. A role holds declared scopes ('expense:approve'), wildcards"
            + " of declared modules ('expense:*') or '*'; declare the scope in a ScopeModule given"
            + " to TasquencerBuilder.identity(id -> id.scopes(...)), or fix its spelling"
            + " (engine.identity().scopes() lists the declared ones)");
    this.scopes = List.copyOf(scopes);
  }

  /** The scopes that are not declared. */
  public List<String> scopes() {
    return scopes;
  }

  @Override
  public String code() {
    return "UNKNOWN_SCOPE";
  }
}
