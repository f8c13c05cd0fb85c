package dev.tasquencer.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A work item as stored. {@code payloadJson} is its initialize payload; {@code resultPayloadJson}
 * the payload of the complete, fail or cancel call that ended it. Either may be null. Both are
 * canonical JSON (object keys sorted, no whitespace), the same text on every database; {@link
 * #payload(Class)} and {@link #resultPayload(Class)} read them as typed values.
 *
 * <p>Equality, hash code and text leave out the {@code payloadReader}: two snapshots of the same
 * row are equal whichever engine read them.
 *
 * @param payloadReader how the typed reads convert the JSON: the engine's own reader for the
 *     snapshots its queries return, {@link PayloadReader#NONE} for those built without one
 */
public record WorkItemSnapshot(
    UUID id,
    UUID rootId,
    UUID workflowId,
    String taskName,
    int taskGeneration,
    String name,
    WorkItemState state,
    @Nullable String payloadJson,
    Instant createdAt,
    Instant updatedAt,
    @Nullable String resultPayloadJson,
    @JsonIgnore PayloadReader payloadReader) {

  /** A snapshot without a payload reader: its typed reads fail ({@link PayloadReader#NONE}). */
  public WorkItemSnapshot(
      UUID id,
      UUID rootId,
      UUID workflowId,
      String taskName,
      int taskGeneration,
      String name,
      WorkItemState state,
      @Nullable String payloadJson,
      Instant createdAt,
      Instant updatedAt,
      @Nullable String resultPayloadJson) {
    this(
        id,
        rootId,
        workflowId,
        taskName,
        taskGeneration,
        name,
        state,
        payloadJson,
        createdAt,
        updatedAt,
        resultPayloadJson,
        PayloadReader.NONE);
  }

  /**
   * The initialize payload read as {@code type}; null when the work item has none.
   *
   * @throws dev.tasquencer.api.error.PayloadReadException when the payload does not fit {@code
   *     type} (it names this work item, the class and why)
   */
  public <T> @Nullable T payload(Class<T> type) {
    return SnapshotPayloads.read(payloadReader, payloadJson, type, "work item", id, "payload");
  }

  /**
   * The result payload (of the complete, fail or cancel call that ended the work item) read as
   * {@code type}; null when there is none.
   *
   * @throws dev.tasquencer.api.error.PayloadReadException when the payload does not fit {@code
   *     type}
   */
  public <T> @Nullable T resultPayload(Class<T> type) {
    return SnapshotPayloads.read(
        payloadReader, resultPayloadJson, type, "work item", id, "result payload");
  }

  /** The components that make the snapshot's value: all but the reader. */
  private Object[] values() {
    return new Object[] {
      id,
      rootId,
      workflowId,
      taskName,
      taskGeneration,
      name,
      state,
      payloadJson,
      createdAt,
      updatedAt,
      resultPayloadJson
    };
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof WorkItemSnapshot s && Arrays.equals(values(), s.values());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values());
  }

  @Override
  public String toString() {
    return SnapshotPayloads.text(this, values());
  }
}
