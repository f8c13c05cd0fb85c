package dev.tasquencer.internal.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A SQL text and its parameters, built together (the searches' dynamic statements). */
final class Sql {
  final StringBuilder text = new StringBuilder();
  final List<@Nullable Object> params = new ArrayList<>();

  Sql add(String s, @Nullable Object... ps) {
    text.append(s);
    for (Object p : ps) {
      params.add(p);
    }
    return this;
  }

  Sql in(Collection<?> values) {
    text.append('(');
    String sep = "";
    for (Object v : values) {
      text.append(sep).append('?');
      params.add(v);
      sep = ",";
    }
    text.append(')');
    return this;
  }
}
