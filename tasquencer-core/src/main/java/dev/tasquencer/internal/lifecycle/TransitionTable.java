package dev.tasquencer.internal.lifecycle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The state machine of one kind of element as one typed table: each entry names the state it starts
 * from, the event, the state it leads to and what the engine does when it happens. A (state, event)
 * pair without an entry is refused with the element's typed error.
 *
 * <p>A table is built once, in {@link Lifecycles}, and never changes; a new state or event (the
 * allocation and incident states to come) is one more enum constant and a few more entries.
 *
 * @param <S> the element's states
 * @param <E> the element's events
 */
public final class TransitionTable<S extends Enum<S>, E extends Enum<E>> {

  /**
   * One entry: from {@code from} on {@code event} to {@code to}; {@code from} is null for the event
   * that creates the element.
   */
  public record Entry<S extends Enum<S>, E extends Enum<E>>(
      @Nullable S from, E event, S to, String does) {
    public Entry {
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(does, "does");
    }

    /** Whether this entry creates the element. */
    public boolean creates() {
      return from == null;
    }
  }

  /** Builds the typed error for a refused transition. */
  @FunctionalInterface
  public interface Refusal<S extends Enum<S>> {
    RuntimeException refuse(String element, S current, String event, List<S> allowedFrom);
  }

  private final ElementKind kind;
  private final Class<S> states;
  private final Class<E> events;
  private final List<Entry<S, E>> entries;
  private final Map<E, Map<S, Entry<S, E>>> byEvent;
  private final Map<E, Entry<S, E>> creations;
  private final Map<E, List<S>> allowedFrom;

  /** The one state each event leads to, for events that lead to one state from everywhere. */
  private final Map<E, S> targets;

  private final Refusal<S> refusal;

  private TransitionTable(Builder<S, E> b) {
    this.kind = b.kind;
    this.states = b.states;
    this.events = b.events;
    this.refusal = b.refusal;
    this.entries = List.copyOf(b.entries);
    Map<E, Map<S, Entry<S, E>>> map = new EnumMap<>(events);
    Map<E, Entry<S, E>> created = new EnumMap<>(events);
    for (Entry<S, E> e : entries) {
      S from = e.from();
      if (from == null) {
        created.put(e.event(), e);
      } else {
        map.computeIfAbsent(e.event(), x -> new EnumMap<>(states)).put(from, e);
      }
    }
    Map<E, List<S>> allowed = new EnumMap<>(events);
    for (E event : events.getEnumConstants()) {
      Map<S, Entry<S, E>> m = map.get(event);
      // EnumMap keys iterate in declaration order: the order messages list them in
      allowed.put(event, m == null ? List.of() : List.copyOf(m.keySet()));
    }
    this.byEvent = Collections.unmodifiableMap(map);
    this.creations = Collections.unmodifiableMap(created);
    this.allowedFrom = Collections.unmodifiableMap(allowed);
    Map<E, S> to = new EnumMap<>(events);
    Set<E> ambiguous = EnumSet.noneOf(events);
    for (Entry<S, E> e : entries) {
      S before = to.putIfAbsent(e.event(), e.to());
      if (before != null && before != e.to()) {
        ambiguous.add(e.event());
      }
    }
    ambiguous.forEach(to::remove);
    this.targets = Collections.unmodifiableMap(to);
  }

  /** Starts a table for {@code kind}; {@code refusal} builds the error of a refused transition. */
  public static <S extends Enum<S>, E extends Enum<E>> Builder<S, E> builder(
      ElementKind kind, Class<S> states, Class<E> events, Refusal<S> refusal) {
    return new Builder<>(kind, states, events, refusal);
  }

  public ElementKind kind() {
    return kind;
  }

  public Class<S> states() {
    return states;
  }

  public Class<E> events() {
    return events;
  }

  /** Every entry, in the order the table declares them. */
  public List<Entry<S, E>> entries() {
    return entries;
  }

  /** Whether {@code event} may happen to an element in state {@code from}. */
  public boolean allows(S from, E event) {
    Map<S, Entry<S, E>> m = byEvent.get(event);
    return m != null && m.containsKey(from);
  }

  /** The states {@code event} may happen in, in declaration order; empty for a creating event. */
  public List<S> allowedFrom(E event) {
    List<S> from = allowedFrom.get(event);
    return from == null ? List.of() : from;
  }

  /** The events that may happen to an element in state {@code from}. */
  public Set<E> eventsFrom(S from) {
    Set<E> out = EnumSet.noneOf(events);
    byEvent.forEach(
        (event, m) -> {
          if (m.containsKey(from)) {
            out.add(event);
          }
        });
    return out;
  }

  /**
   * The entry for {@code event} in state {@code from}, or the element's typed error (naming {@code
   * element}, its state and the states the event is allowed from) when there is none.
   */
  public Entry<S, E> entry(Object element, S from, E event) {
    Map<S, Entry<S, E>> m = byEvent.get(event);
    Entry<S, E> e = m == null ? null : m.get(from);
    if (e == null) {
      throw refusal.refuse(
          String.valueOf(element),
          from,
          event.name().toLowerCase(java.util.Locale.ROOT),
          allowedFrom(event));
    }
    return e;
  }

  /**
   * The one state {@code event} leads to, from whichever state it happens in (for statements that
   * move many elements at once).
   */
  public S to(E event) {
    S to = targets.get(event);
    if (to != null) {
      return to;
    }
    if (byEvent.containsKey(event) || creations.containsKey(event)) {
      throw new IllegalStateException(
          "the " + kind.id() + " table leads " + event + " to several states");
    }
    throw new IllegalArgumentException("the " + kind.id() + " table has no entry for " + event);
  }

  /** Checks that {@code event} may happen in state {@code from}; returns the state it leads to. */
  public S check(Object element, S from, E event) {
    return entry(element, from, event).to();
  }

  /** The entry that creates an element with {@code event}. */
  public Entry<S, E> creation(E event) {
    Entry<S, E> e = creations.get(event);
    if (e == null) {
      throw new IllegalArgumentException(
          "the " + kind.id() + " table has no creating entry for " + event);
    }
    return e;
  }

  /** Collects the entries of a table. */
  public static final class Builder<S extends Enum<S>, E extends Enum<E>> {
    private final ElementKind kind;
    private final Class<S> states;
    private final Class<E> events;
    private final Refusal<S> refusal;
    private final List<Entry<S, E>> entries = new ArrayList<>();

    private Builder(ElementKind kind, Class<S> states, Class<E> events, Refusal<S> refusal) {
      this.kind = kind;
      this.states = states;
      this.events = events;
      this.refusal = refusal;
    }

    /** The event that creates an element, in state {@code to}. */
    public Builder<S, E> creates(E event, S to, String does) {
      return add(new Entry<>(null, event, to, does));
    }

    /** From {@code from} on {@code event} to {@code to}. */
    public Builder<S, E> on(S from, E event, S to, String does) {
      return add(new Entry<>(from, event, to, does));
    }

    private Builder<S, E> add(Entry<S, E> e) {
      for (Entry<S, E> known : entries) {
        if (known.from() == e.from() && known.event() == e.event()) {
          throw new IllegalStateException(
              "the " + kind.id() + " table has two entries for " + e.event() + " from " + e.from());
        }
        if (known.event() == e.event() && known.creates() != e.creates()) {
          throw new IllegalStateException(
              "the " + kind.id() + " table uses " + e.event() + " both to create and to move");
        }
      }
      entries.add(e);
      return this;
    }

    public TransitionTable<S, E> build() {
      return new TransitionTable<>(this);
    }
  }
}
