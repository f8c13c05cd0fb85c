package dev.tasquencer.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the version of a new root workflow started without one ({@code
 * initializeRootWorkflow(name, payload)}, or with a null version), registered per workflow name
 * with {@code TasquencerBuilder.route(name, routing)}. A routing that returns null leaves the
 * choice to the next one ({@link #orElse}) and in the end to the default: the newest registered
 * version that is not deprecated. A version given by the caller always wins over the routing.
 *
 * <pre>{@code
 * Tasquencer.builder()
 *     .register(ordersV1, ordersV2)
 *     .route("orders", VersionRouting.when(p -> ((Order) p).priority(), "v2")
 *         .orElse(VersionRouting.percentage("v2", 10))
 *         .orElse(VersionRouting.fixed("v1")))
 * }</pre>
 *
 * See {@code docs/versioning.md}.
 */
@FunctionalInterface
public interface VersionRouting {

  /**
   * The version for a new root, or null to leave the choice to the next routing or the default.
   *
   * @param payload the payload the root is initialized with, as the caller passed it
   * @param businessKey the root's business key, or null when it is started without one
   */
  @Nullable String choose(@Nullable Object payload, @Nullable String businessKey);

  /**
   * The versions this routing may choose, which {@code build()} checks are registered and not
   * deprecated; empty when not known (a routing written as a lambda).
   */
  default Set<String> versions() {
    return Set.of();
  }

  /** This routing, and {@code next} where this one returns null. */
  default VersionRouting orElse(VersionRouting next) {
    Objects.requireNonNull(next, "orElse: next routing");
    VersionRouting first = this;
    Set<String> both = new LinkedHashSet<>(first.versions());
    both.addAll(next.versions());
    return new VersionRouting() {
      @Override
      public @Nullable String choose(@Nullable Object payload, @Nullable String businessKey) {
        String v = first.choose(payload, businessKey);
        return v != null ? v : next.choose(payload, businessKey);
      }

      @Override
      public Set<String> versions() {
        return Set.copyOf(both);
      }
    };
  }

  /** Always {@code version}: an explicit default version. */
  static VersionRouting fixed(String version) {
    Objects.requireNonNull(version, "fixed: version");
    return known(version, (payload, key) -> version);
  }

  /**
   * {@code version} when {@code test} accepts the payload; otherwise no choice (null). A root
   * started without a payload (null) is never tested and gets no choice from this routing.
   */
  static VersionRouting when(Predicate<Object> test, String version) {
    Objects.requireNonNull(test, "when: test");
    Objects.requireNonNull(version, "when: version");
    return known(version, (payload, key) -> payload != null && test.test(payload) ? version : null);
  }

  /**
   * {@code version} for {@code percent} of the business keys (0 to 100), chosen by a stable hash of
   * the key ({@link #bucket}): a key gets the same answer on every engine and every start, and
   * raising the percentage only adds keys. A root started without a business key gets no choice
   * from this routing (null).
   */
  static VersionRouting percentage(String version, int percent) {
    Objects.requireNonNull(version, "percentage: version");
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException(
          "percentage: percent must be between 0 and 100, was " + percent);
    }
    return known(version, (payload, key) -> key != null && bucket(key) < percent ? version : null);
  }

  /**
   * The bucket (0 to 99) of a business key: the first 8 bytes of the SHA-256 of its UTF-8 bytes, as
   * an unsigned number, modulo 100. The same on every JVM.
   */
  static int bucket(String businessKey) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256").digest(businessKey.getBytes(StandardCharsets.UTF_8));
      long n = 0;
      for (int i = 0; i < 8; i++) {
        n = (n << 8) | (h[i] & 0xff);
      }
      return (int) Long.remainderUnsigned(n, 100);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static VersionRouting known(String version, VersionRouting routing) {
    return new VersionRouting() {
      @Override
      public @Nullable String choose(@Nullable Object payload, @Nullable String businessKey) {
        return routing.choose(payload, businessKey);
      }

      @Override
      public Set<String> versions() {
        return Set.of(version);
      }
    };
  }
}
