/**
 * Instance search ({@code engine.queries().instances(filter, page)}): the root workflow instances
 * that match a {@link dev.tasquencer.api.search.InstanceFilter}, a keyset page ({@link
 * dev.tasquencer.api.search.InstancePage}) at a time, as {@link
 * dev.tasquencer.api.search.InstanceSummary} rows. See {@code docs/search.md}.
 */
@NullMarked
package dev.tasquencer.api.search;

import org.jspecify.annotations.NullMarked;
