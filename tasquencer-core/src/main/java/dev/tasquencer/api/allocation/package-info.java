/**
 * Work allocation: the offers of work items to users, groups, scopes or agents, and their claims
 * (see {@code docs/work-allocation.md}). An offer is declared on a work item definition ({@code
 * Builder.workItem(...).offer(...)}); claims are commands ({@code engine.as(actor).claimWorkItem});
 * an item's allocation is read with {@code engine.queries().allocation(id)}.
 *
 * <p>Null-marked: a type without {@code @Nullable} never holds null.
 */
@NullMarked
package dev.tasquencer.api.allocation;

import org.jspecify.annotations.NullMarked;
