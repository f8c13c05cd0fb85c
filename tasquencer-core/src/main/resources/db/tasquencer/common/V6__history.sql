-- History (issue 12): what happened to each root workflow tree, written in the transaction of the
-- call that caused it. Keyed by root id like the instance tables, numbered per root: the next
-- number lives on the root's own tq_workflow row, which every call locks anyway, so there is no
-- global sequence to contend on and no cross-root ordering to keep.
alter table tq_workflow add column history_seq bigint not null default 0;

create table tq_history (
  root_id       uuid          not null,
  seq           bigint        not null,
  command_id    uuid          not null,
  at            timestamp with time zone not null,
  origin        varchar(16)   not null,
  actor_kind    varchar(16),
  actor_id      varchar(200),
  element_kind  varchar(16)   not null,
  workflow_id   uuid          not null,
  task          varchar(200),
  generation    integer,
  work_item_id  uuid,
  condition     varchar(200),
  event         varchar(32)   not null,
  from_state    varchar(32),
  to_state      varchar(32),
  payload       varchar(1000000),
  primary key (root_id, seq)
);

-- Calls rolled back by an exception, one row each, written after the rollback in a transaction of
-- their own. root_id is null when the call failed before it found its tree.
create table tq_failed_attempt (
  id            uuid          not null primary key,
  root_id       uuid,
  command_id    uuid          not null,
  command       varchar(64)   not null,
  at            timestamp with time zone not null,
  origin        varchar(16)   not null,
  actor_kind    varchar(16),
  actor_id      varchar(200),
  workflow_id   uuid,
  work_item_id  uuid,
  target        varchar(400),
  error_type    varchar(300)  not null,
  error_code    varchar(64),
  message       varchar(4000)
);
create index tq_failed_attempt_root on tq_failed_attempt (root_id, at);
create index tq_failed_attempt_at on tq_failed_attempt (at);

-- The state of a root tree after some event of its history, written by the queries that
-- reconstruct past states (stateAt), so that the next one replays only the events after the
-- nearest checkpoint. A cache: history is append-only, so a checkpoint never goes stale, and any
-- of them may be deleted.
create table tq_history_checkpoint (
  root_id  uuid    not null,
  seq      bigint  not null,
  state    text    not null,
  primary key (root_id, seq)
);
