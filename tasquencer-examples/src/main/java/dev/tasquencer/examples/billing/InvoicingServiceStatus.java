package dev.tasquencer.examples.billing;

import dev.tasquencer.examples.support.Jdbc;
import javax.sql.DataSource;

/**
 * Whether the simulated invoicing service has been repaired, kept in the database (table {@code
 * invoicing_service}) so that every worker process sees the repair: the demo breaks the service
 * when a run starts and repairs it when an operator would, before retrying the incidents that the
 * outage opened.
 */
public final class InvoicingServiceStatus {
  private final DataSource dataSource;

  public InvoicingServiceStatus(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Whether the service was repaired (no row yet: it was never broken). */
  public boolean repaired() {
    return Jdbc.inTransaction(
        dataSource,
        db ->
            db.queryOne(
                    "select repaired from invoicing_service where id = 1", rs -> rs.getBoolean(1))
                .orElse(true));
  }

  /**
   * Breaks the service: defective calls fail until repaired. Its table is one of the billing tables
   * ({@link BillingSchema#create}, which the demo's {@code prepare} runs).
   */
  public void breakDown() {
    set(false);
  }

  /** Repairs the service: from now on every worker's calls succeed for every customer. */
  public void repair() {
    set(true);
  }

  private void set(boolean repaired) {
    Jdbc.run(
        dataSource,
        db -> {
          if (db.update("update invoicing_service set repaired = ? where id = 1", repaired) == 0) {
            db.update("insert into invoicing_service (id, repaired) values (1, ?)", repaired);
          }
        });
  }
}
