package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.context.CompositeParent;
import java.util.UUID;

/** The composite task generation that owns a child workflow. */
record ParentRef(UUID workflowId, String workflowName, String taskName, int taskGeneration)
    implements CompositeParent {}
