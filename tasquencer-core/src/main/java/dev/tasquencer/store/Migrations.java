package dev.tasquencer.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the engine's schema with Flyway, in a history table of its own so that it never
 * interferes with the host application's migrations. Safe to run from many processes at once.
 */
public final class Migrations {
  /** Flyway history table of the engine's schema. */
  public static final String HISTORY_TABLE = "tasquencer_schema_history";

  private Migrations() {}

  public static MigrateResult migrate(DataSource ds, Dialect dialect) {
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(ds)
        .table(HISTORY_TABLE)
        // portable migrations in common/, dialect-specific ones in h2/ and postgresql/
        .locations("classpath:db/tasquencer/common", "classpath:db/tasquencer/" + dialect.id())
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }
}
