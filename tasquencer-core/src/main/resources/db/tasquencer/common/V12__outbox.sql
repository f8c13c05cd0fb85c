-- The outbox of deadlines (issue 13, item 5; docs/deadlines.md): a notifying deadline writes one
-- row in the transaction in which it fires; the application reads the undelivered rows, delivers
-- them and marks them delivered. The primary key leads with the root workflow id, as every
-- instance row's does, so that a purge deletes a tree's rows by root id.
create table tq_outbox (
  root_id       uuid          not null,
  id            uuid          not null,
  work_item_id  uuid          not null,
  kind          varchar(100)  not null,
  payload       varchar(1000000) not null,
  created_at    timestamp with time zone not null,
  delivered_at  timestamp with time zone,
  primary key (root_id, id)
);
-- outbox().markDelivered(id) finds a row by its id alone.
create unique index tq_outbox_id on tq_outbox (id);
-- outbox().pending(limit): the undelivered rows, oldest first.
create index tq_outbox_pending on tq_outbox (delivered_at, created_at, id);
