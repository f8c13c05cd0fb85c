package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.error.ConcurrencyException;
import dev.tasquencer.api.error.DataAccessException;
import dev.tasquencer.api.error.IdempotencyKeyReusedException;
import dev.tasquencer.api.error.InvalidArgumentException;
import dev.tasquencer.api.error.TasquencerException;
import dev.tasquencer.api.error.UserCodeException;
import dev.tasquencer.internal.store.IdempotencyStore;
import dev.tasquencer.internal.store.SqlFailures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Idempotency keys of external calls (docs/idempotency.md), for any command whose {@link
 * CallRequest} carries a {@link Key}: {@link EngineCore} asks {@link #claim} first thing in the
 * call's transaction, and stores the call's outcome with {@link #succeeded} or {@link #failed}
 * before it commits.
 *
 * <p>The claim inserts the key's row (outcome {@code pending}) and sets a savepoint. A concurrent
 * call with the same key waits on the row's primary key until the first call ends: when it
 * committed, the waiting insert fails with a unique violation ({@link KeyTaken}), and the engine
 * runs the waiting call again, which then finds the stored outcome; when it rolled back, the
 * waiting insert goes through and that call runs. A typed error rolls the call back to the
 * savepoint, so that its effects go while the key and the error commit. Anything else (a user's
 * exception, a failed or conflicting statement) rolls the whole transaction back, the key with it.
 */
final class Idempotency {
  /** The longest key (the size of its column). */
  static final int MAX_KEY = 200;

  /** The classes a stored error may consist of: the engine's API, and what the JDK gives them. */
  private static final ObjectInputFilter ERROR_CLASSES =
      ObjectInputFilter.Config.createFilter(
          "maxdepth=20;maxrefs=1000;maxbytes=1000000;dev.tasquencer.api.**;java.lang.*;"
              + "java.util.*;java.time.*;!*");

  /**
   * A call's idempotency key and the fingerprint of what it asks: SHA-256 of the command, the actor
   * and the arguments as canonical JSON.
   */
  record Key(String key, String fingerprint) {}

  /** What {@link #claim} found: the stored outcome of an earlier call, or this call's claim. */
  static final class Claim {
    final IdempotencyStore.@Nullable Stored stored;
    private final @Nullable Savepoint savepoint;

    private Claim(IdempotencyStore.@Nullable Stored stored, @Nullable Savepoint savepoint) {
      this.stored = stored;
      this.savepoint = savepoint;
    }
  }

  /**
   * Another call stored the key while this one waited to insert it: the engine runs this call again
   * at once, in a new transaction, which reads the stored outcome.
   */
  static final class KeyTaken extends RuntimeException {
    private static final long serialVersionUID = 1L;

    KeyTaken(SQLException cause) {
      super("the idempotency key was stored by a concurrent call", cause, false, false);
    }
  }

  private final EngineCore core;
  private final Duration expireAfter;
  private final JsonMapper canonical =
      JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();

  Idempotency(EngineCore core, Duration expireAfter) {
    this.core = core;
    this.expireAfter = expireAfter;
  }

  /** Checks a key given by the application. */
  static String checkKey(String call, @Nullable String key) {
    if (key == null || key.isBlank() || key.length() > MAX_KEY) {
      throw new InvalidArgumentException(
          call
              + ": the idempotency key must be 1 to "
              + MAX_KEY
              + " characters and not blank, was "
              + (key == null ? "null" : key.length() + " characters")
              + "; pass the request's own id (a message id, a UUID the client made)");
    }
    if (PayloadCodec.textProblem(key) != null) {
      throw new InvalidArgumentException(
          call + ": the idempotency key must not contain NUL characters");
    }
    return key;
  }

  /**
   * The key of a call of {@code command} by {@code actor} with these arguments (payloads as given:
   * records, maps, JSON text), written with the engine's codec as canonical JSON (object keys
   * sorted), so that equal arguments give equal fingerprints.
   */
  Key key(String key, String command, @Nullable Actor actor, @Nullable Object... args) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    part(sha, command);
    part(sha, actor == null ? "" : actor.kind().id() + ":" + actor.id());
    for (int i = 0; i < args.length; i++) {
      part(sha, json(command, i, args[i]));
    }
    return new Key(key, HexFormat.of().formatHex(sha.digest()));
  }

  private static void part(MessageDigest sha, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
    sha.update(bytes);
  }

  private String json(String command, int index, @Nullable Object arg) {
    if (arg == null) {
      return "null";
    }
    try {
      return canonical.writeValueAsString(core.codec.mapper().valueToTree(arg));
    } catch (JacksonException e) {
      throw new InvalidArgumentException(
          command
              + ": argument "
              + (index + 1)
              + " ("
              + arg.getClass().getName()
              + ") cannot be written as JSON, which an idempotent call needs to compare it with a"
              + " repeat: "
              + e.getOriginalMessage());
    }
  }

  /**
   * Claims the call's key in its transaction, or finds the outcome stored for it. Throws {@link
   * IdempotencyKeyReusedException} when the key was stored for a different call, {@link KeyTaken}
   * when a concurrent call stored it meanwhile.
   */
  Claim claim(Call call, Key key) {
    Connection c = call.session.connection();
    try {
      Optional<IdempotencyStore.Stored> found = IdempotencyStore.find(c, key.key());
      if (found.isPresent()) {
        IdempotencyStore.Stored s = found.get();
        if (s.expiresAt().isAfter(call.now)) {
          if (!s.fingerprint().equals(key.fingerprint())) {
            throw reused(call, key, s);
          }
          return new Claim(s, null);
        }
        // expired: it no longer dedups, whether or not a purge has deleted it yet
        IdempotencyStore.deleteIfExpired(c, key.key(), call.now);
      }
      try {
        IdempotencyStore.claim(
            c,
            key.key(),
            key.fingerprint(),
            call.request.command(),
            actorOf(call),
            call.now,
            call.now.plus(expireAfter));
      } catch (SQLException e) {
        if (core.dialect.isUniqueViolation(e)) {
          throw new KeyTaken(e);
        }
        throw e;
      }
      return new Claim(null, c.setSavepoint());
    } catch (SQLException e) {
      throw SqlFailures.translate("cannot claim idempotency key '" + key.key() + "'", e);
    }
  }

  private static @Nullable String actorOf(Call call) {
    Actor a = call.actor();
    return a == null ? null : a.kind().id() + ":" + a.id();
  }

  private static IdempotencyKeyReusedException reused(
      Call call, Key key, IdempotencyStore.Stored s) {
    String same = s.command().equals(call.request.command()) ? "the same command" : s.command();
    return new IdempotencyKeyReusedException(
        key.key(),
        "idempotency key '"
            + key.key()
            + "' was used at "
            + s.createdAt()
            + " for "
            + same
            + " with other arguments or another actor than this "
            + call.request.command()
            + "; nothing ran. A key stands for one request until it expires at "
            + s.expiresAt()
            + ": use a new key for a new request");
  }

  /** Stores the result of the call that claimed its key, in the call's transaction. */
  void succeeded(Call call, Key key, @Nullable Object result) {
    String type = result == null ? null : result.getClass().getName();
    String json;
    try {
      json = result == null ? null : core.codec.mapper().writeValueAsString(result);
    } catch (JacksonException e) {
      throw new IllegalStateException(
          "cannot store the result of " + call.request.command() + " as JSON", e);
    }
    SqlFailures.run(
        "cannot store the outcome of idempotency key '" + key.key() + "'",
        () -> {
          IdempotencyStore.result(call.session.connection(), key.key(), type, json);
          return true;
        });
  }

  /**
   * Whether {@code e} is an outcome to store: a typed error of the engine, not a failed statement,
   * a conflict or a user's checked exception, which a retry with the same key may get past.
   */
  static boolean stores(Throwable e) {
    return e instanceof TasquencerException
        && !(e instanceof DataAccessException
            || e instanceof ConcurrencyException
            || e instanceof UserCodeException);
  }

  /**
   * Rolls the call that claimed its key back to the claim's savepoint (everything the call did
   * goes, the key stays) and stores {@code error} as its outcome; the caller commits.
   */
  void failed(Call call, Key key, Claim claim, TasquencerException error) throws SQLException {
    Connection c = call.session.connection();
    c.rollback(java.util.Objects.requireNonNull(claim.savepoint, "a claim has a savepoint"));
    String message = error.getMessage();
    IdempotencyStore.error(
        c,
        key.key(),
        error.getClass().getName(),
        error.code(),
        message == null ? "" : truncate(message, 20000),
        serialize(error));
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  /** The stored outcome again: the result, or an equal typed error thrown. */
  @Nullable Object replay(IdempotencyStore.Stored s) {
    if (s.outcome().equals("error")) {
      throw restore(s);
    }
    if (!s.outcome().equals("result")) {
      throw new IllegalStateException(
          "idempotency key row with outcome '" + s.outcome() + "' was committed");
    }
    String type = s.resultType();
    String json = s.resultJson();
    if (type == null || json == null) {
      return null;
    }
    try {
      return core.codec.mapper().readValue(json, Class.forName(type, false, loader()));
    } catch (ClassNotFoundException | JacksonException e) {
      throw new IllegalStateException(
          "cannot read the stored result of " + s.command() + " as " + type, e);
    }
  }

  private static ClassLoader loader() {
    ClassLoader l = Thread.currentThread().getContextClassLoader();
    return l != null ? l : Idempotency.class.getClassLoader();
  }

  /**
   * The typed error of the first call: the same class with the same fields, code and message, with
   * the stack of this call; a {@link StoredError} with the stored code and message when the class
   * cannot be read back (it changed since).
   */
  private static RuntimeException restore(IdempotencyStore.Stored s) {
    String data = s.errorData();
    if (data != null) {
      try (ObjectInputStream in =
          new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(data)))) {
        in.setObjectInputFilter(ERROR_CLASSES);
        if (in.readObject() instanceof TasquencerException e) {
          e.fillInStackTrace();
          return e;
        }
      } catch (IOException | ClassNotFoundException | IllegalArgumentException e) {
        // read back below, by code and message
      }
    }
    return new StoredError(
        String.valueOf(s.errorCode()), String.valueOf(s.errorMessage()), s.errorType());
  }

  /** The error as Java serialization in base64, without causes; null when it cannot be written. */
  private static @Nullable String serialize(TasquencerException error) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new Detached(bytes, error)) {
      out.writeObject(error);
    } catch (IOException e) {
      return null; // a field that is not serializable: replayed by code and message
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  /**
   * Writes one exception without the exceptions it refers to (its cause, suppressed ones): the
   * outcome is the typed error, and a cause (a driver's or a library's exception) need not be
   * serializable or readable later.
   */
  private static final class Detached extends ObjectOutputStream {
    private final Throwable root;

    Detached(OutputStream out, Throwable root) throws IOException {
      super(out);
      this.root = root;
      enableReplaceObject(true);
    }

    @Override
    protected @Nullable Object replaceObject(Object obj) {
      if (obj instanceof Throwable && obj != root) {
        return null;
      }
      if (obj instanceof List<?> l
          && !l.isEmpty()
          && l.stream().allMatch(Throwable.class::isInstance)) {
        return new ArrayList<>();
      }
      return obj;
    }
  }

  /** A stored typed error whose class could not be read back: its code and message. */
  static final class StoredError extends TasquencerException {
    private static final long serialVersionUID = 1L;
    private final String code;

    StoredError(String code, String message, @Nullable String type) {
      super(message + (type == null ? "" : " [replayed " + type + "]"));
      this.code = code;
    }

    @Override
    public String code() {
      return code;
    }
  }

  /**
   * Deletes at most {@code limit} keys that expired at {@code now}, in the caller's transaction;
   * how many.
   */
  static int purgeExpired(Call call, Instant now, int limit) {
    return SqlFailures.run(
        "cannot delete expired idempotency keys",
        () -> IdempotencyStore.deleteExpired(call.session.connection(), now, limit));
  }
}
