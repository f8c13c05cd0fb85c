package dev.tasquencer.api;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a job whose handler throws is retried: how many attempts, how long to wait between them, and
 * which exceptions are worth another attempt. A technical failure (a timeout, a refused connection)
 * is retried by the job; a business failure ({@code failWorkItem}) is recorded state that the
 * task's policy decides on, and is never retried by this policy.
 *
 * <p>The policy is stored on the job's row when the job is registered ({@link Job#withRetry}), so
 * workers need no configuration of their own for it. A job without a policy keeps the worker's
 * backoff ({@code JobWorker.backoff}) and retries on every exception.
 *
 * @param maxAttempts how often the handler runs at most before the job is parked as dead
 * @param initialBackoff the delay after the first failed attempt
 * @param multiplier the factor between one delay and the next (1 for a fixed delay)
 * @param maxBackoff the longest delay
 * @param jitter a fraction in [0, 1): each delay is shortened by a random part of up to this
 *     fraction of it, so that jobs failed together do not retry together
 * @param retryOn the names of the exception types that are retried (a subtype counts); empty: all
 * @param noRetryOn the names of the exception types that park the job at once, as dead, which opens
 *     an incident (a subtype counts); they win over {@code retryOn}
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialBackoff,
    double multiplier,
    Duration maxBackoff,
    double jitter,
    List<String> retryOn,
    List<String> noRetryOn) {

  /** The backoff of a policy made with {@link #of}: 1 s, doubled each time, at most 5 min. */
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);

  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);

  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
      throw new IllegalArgumentException(
          "backoff delays must not be negative, were " + initialBackoff + " and " + maxBackoff);
    }
    if (initialBackoff.compareTo(maxBackoff) > 0) {
      throw new IllegalArgumentException(
          "the initial backoff "
              + initialBackoff
              + " is longer than the maximum "
              + maxBackoff
              + ": raise the maximum or lower the initial delay");
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException(
          "the backoff multiplier must be a finite number of at least 1, was " + multiplier);
    }
    if (!(jitter >= 0.0 && jitter < 1.0)) {
      throw new IllegalArgumentException("jitter must be in [0, 1), was " + jitter);
    }
    retryOn = List.copyOf(retryOn);
    noRetryOn = List.copyOf(noRetryOn);
    for (String name : concat(retryOn, noRetryOn)) {
      if (name.isBlank() || name.contains(",") || name.contains(";")) {
        throw new IllegalArgumentException("not an exception class name: '" + name + "'");
      }
    }
  }

  /** Up to {@code maxAttempts} attempts, 1 s, 2 s, 4 s ... up to 5 min apart, on any exception. */
  public static RetryPolicy of(int maxAttempts) {
    return new RetryPolicy(
        maxAttempts, DEFAULT_INITIAL_BACKOFF, 2.0, DEFAULT_MAX_BACKOFF, 0.0, List.of(), List.of());
  }

  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(
        attempts, initialBackoff, multiplier, maxBackoff, jitter, retryOn, noRetryOn);
  }

  /** Waits {@code initial}, then {@code multiplier} times longer after each attempt, up to max. */
  public RetryPolicy backoff(Duration initial, double multiplier, Duration max) {
    return new RetryPolicy(maxAttempts, initial, multiplier, max, jitter, retryOn, noRetryOn);
  }

  /** Shortens each delay by a random part of up to {@code fraction} of it. */
  public RetryPolicy jitter(double fraction) {
    return new RetryPolicy(
        maxAttempts, initialBackoff, multiplier, maxBackoff, fraction, retryOn, noRetryOn);
  }

  /** Retries only these exception types (and their subtypes); others park the job at once. */
  @SafeVarargs
  public final RetryPolicy retryOn(Class<? extends Throwable>... types) {
    List<String> names = new ArrayList<>(retryOn);
    for (Class<? extends Throwable> t : types) {
      names.add(Objects.requireNonNull(t, "exception type").getName());
    }
    return withTypes(names, noRetryOn);
  }

  /** Never retries these exception types (and their subtypes): they park the job at once. */
  @SafeVarargs
  public final RetryPolicy noRetryOn(Class<? extends Throwable>... types) {
    List<String> names = new ArrayList<>(noRetryOn);
    for (Class<? extends Throwable> t : types) {
      names.add(Objects.requireNonNull(t, "exception type").getName());
    }
    return withTypes(retryOn, names);
  }

  private RetryPolicy withTypes(List<String> retry, List<String> noRetry) {
    return new RetryPolicy(
        maxAttempts, initialBackoff, multiplier, maxBackoff, jitter, retry, noRetry);
  }

  /**
   * Whether a failure with this exception is worth another attempt (attempts left aside): not one
   * of {@link #noRetryOn}, and one of {@link #retryOn} when that is not empty. Types match by name,
   * the exception's class, its superclasses and their interfaces.
   */
  public boolean retryable(Throwable error) {
    Set<String> types = typeNames(error.getClass());
    if (noRetryOn.stream().anyMatch(types::contains)) {
      return false;
    }
    return retryOn.isEmpty() || retryOn.stream().anyMatch(types::contains);
  }

  /**
   * The delay after failed attempt number {@code attempt} (1 for the first): {@code initialBackoff
   * x multiplier^(attempt - 1)}, at most {@code maxBackoff}, then shortened by {@code jitter x
   * random} of it.
   *
   * @param random a number in [0, 1)
   */
  public Duration delay(int attempt, double random) {
    double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(attempt - 1, 0));
    double capped = Math.min(millis, (double) maxBackoff.toMillis());
    return Duration.ofMillis(Math.round(capped * (1.0 - jitter * random)));
  }

  private static Set<String> typeNames(Class<?> type) {
    Set<String> names = new HashSet<>();
    Deque<Class<?>> todo = new ArrayDeque<>();
    todo.add(type);
    while (!todo.isEmpty()) {
      Class<?> c = todo.poll();
      if (names.add(c.getName())) {
        Class<?> s = c.getSuperclass();
        if (s != null) {
          todo.add(s);
        }
        todo.addAll(List.of(c.getInterfaces()));
      }
    }
    return names;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
