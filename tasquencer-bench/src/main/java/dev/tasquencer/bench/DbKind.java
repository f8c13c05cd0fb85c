package dev.tasquencer.bench;

/** The databases the benchmark runs on. */
public enum DbKind {
  H2("h2", "H2 in-memory"),
  POSTGRES("pg", "PostgreSQL");

  private final String id;
  private final String label;

  DbKind(String id, String label) {
    this.id = id;
    this.label = label;
  }

  public String id() {
    return id;
  }

  public String label() {
    return label;
  }

  public static DbKind of(String id) {
    for (DbKind k : values()) {
      if (k.id.equalsIgnoreCase(id) || k.name().equalsIgnoreCase(id)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown database '" + id + "' (h2 or pg)");
  }
}
