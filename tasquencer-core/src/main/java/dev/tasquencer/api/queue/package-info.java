/**
 * Work queues: the offered work items an actor may claim and the items it has claimed, read page by
 * page in SQL ({@code engine.queues()}, see {@code docs/work-queues.md}), and the queue data an
 * offered work item carries: priority, due date and a few business attributes ({@link QueueData}),
 * declared on its definition ({@code Builder.workItem(...).queue(...)}).
 *
 * <p>Null-marked: a type without {@code @Nullable} never holds null.
 */
@NullMarked
package dev.tasquencer.api.queue;

import org.jspecify.annotations.NullMarked;
