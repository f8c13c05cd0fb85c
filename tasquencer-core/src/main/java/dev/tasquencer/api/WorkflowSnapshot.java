package dev.tasquencer.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A workflow instance as stored.
 *
 * <p>Equality, hash code and text leave out the {@code payloadReader}: two snapshots of the same
 * row are equal whichever engine read them.
 *
 * @param definitionName name of the root definition the instance tree was created from
 * @param definitionVersion its version
 * @param name this workflow's own name (differs from {@code definitionName} for child workflows)
 * @param payloadJson the initialize payload as canonical JSON (object keys sorted, no whitespace,
 *     the same text on every database), or null; {@link #payload(Class)} reads it as a typed value
 * @param businessKey the business key given when the root was initialized ({@code docs/search.md});
 *     null when none was given, and for a child workflow
 * @param payloadReader how {@link #payload(Class)} converts the JSON: the engine's own reader for
 *     the snapshots its queries return, {@link PayloadReader#NONE} for those built without one
 */
public record WorkflowSnapshot(
    UUID id,
    UUID rootId,
    @Nullable UUID parentWorkflowId,
    @Nullable String parentTaskName,
    @Nullable Integer parentTaskGeneration,
    String definitionName,
    String definitionVersion,
    String name,
    WorkflowState state,
    @Nullable String payloadJson,
    Instant createdAt,
    Instant updatedAt,
    @Nullable String businessKey,
    @JsonIgnore PayloadReader payloadReader) {

  /**
   * A snapshot without a business key and without a payload reader: its typed reads fail ({@link
   * PayloadReader#NONE}).
   */
  public WorkflowSnapshot(
      UUID id,
      UUID rootId,
      @Nullable UUID parentWorkflowId,
      @Nullable String parentTaskName,
      @Nullable Integer parentTaskGeneration,
      String definitionName,
      String definitionVersion,
      String name,
      WorkflowState state,
      @Nullable String payloadJson,
      Instant createdAt,
      Instant updatedAt) {
    this(
        id,
        rootId,
        parentWorkflowId,
        parentTaskName,
        parentTaskGeneration,
        definitionName,
        definitionVersion,
        name,
        state,
        payloadJson,
        createdAt,
        updatedAt,
        null,
        PayloadReader.NONE);
  }

  /**
   * The initialize payload read as {@code type}; null when the workflow has none.
   *
   * @throws dev.tasquencer.api.error.PayloadReadException when the payload does not fit {@code
   *     type} (it names this workflow, the class and why)
   */
  public <T> @Nullable T payload(Class<T> type) {
    return SnapshotPayloads.read(payloadReader, payloadJson, type, "workflow", id, "payload");
  }

  /** The components that make the snapshot's value: all but the reader. */
  private Object[] values() {
    return new Object[] {
      id,
      rootId,
      parentWorkflowId,
      parentTaskName,
      parentTaskGeneration,
      definitionName,
      definitionVersion,
      name,
      state,
      payloadJson,
      createdAt,
      updatedAt,
      businessKey
    };
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof WorkflowSnapshot s && Arrays.equals(values(), s.values());
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
