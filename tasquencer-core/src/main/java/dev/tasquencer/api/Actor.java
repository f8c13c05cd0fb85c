package dev.tasquencer.api;

import java.util.Locale;
import java.util.Objects;

/**
 * On whose behalf an external call is made: a person, an agent (an AI or another program acting for
 * someone) or a system. Given with {@code engine.as(actor)}, recorded with every history event of
 * the call and readable in the contexts of its actions and activities ({@code ctx.actor()}).
 *
 * <p>The engine checks the actor of an external call against the policy of the action it asks for
 * ({@link dev.tasquencer.api.authorization.Policy}); a custom action can check {@code ctx.actor()}
 * itself too.
 *
 * <p>Serializable, so that a typed error naming an actor is stored whole with an idempotency key
 * (docs/idempotency.md).
 *
 * @param kind what sort of actor
 * @param id the application's identifier of the actor: not blank, at most {@value #MAX_ID}
 *     characters, without NUL characters
 */
public record Actor(Kind kind, String id) implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** The longest id an actor may have (the size of its history column). */
  public static final int MAX_ID = 200;

  /** What sort of actor made a call. */
  public enum Kind {
    USER,
    AGENT,
    SYSTEM;

    /** The lower-case name, made once. */
    private final String id = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used in storage and JSON ({@code "user"}). */
    public String id() {
      return id;
    }

    /** The kind of a lower-case name ({@code "user"}). */
    public static Kind of(String id) {
      return valueOf(id.toUpperCase(Locale.ROOT));
    }
  }

  public Actor {
    Objects.requireNonNull(kind, "actor kind");
    Objects.requireNonNull(id, "actor id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("an actor id must not be blank; pass the user's id");
    }
    if (id.length() > MAX_ID) {
      throw new IllegalArgumentException(
          "an actor id may have at most " + MAX_ID + " characters, was " + id.length());
    }
    if (id.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("an actor id must not contain NUL characters");
    }
  }

  /** A person, by the application's user id. */
  public static Actor user(String id) {
    return new Actor(Kind.USER, id);
  }

  /** An agent (an AI or a program acting for someone), by its id. */
  public static Actor agent(String id) {
    return new Actor(Kind.AGENT, id);
  }

  /** A system (a batch run, an integration), by its name. */
  public static Actor system(String id) {
    return new Actor(Kind.SYSTEM, id);
  }

  @Override
  public String toString() {
    return kind.id() + ":" + id;
  }
}
