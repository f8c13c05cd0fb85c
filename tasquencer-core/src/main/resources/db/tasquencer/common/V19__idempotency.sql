-- Idempotent external calls (issue 14, item 6; docs/idempotency.md): the outcome of the first call
-- made with an idempotency key, written in that call's transaction. A repeat with the same key and
-- the same fingerprint (command, actor, arguments) gets the stored outcome back without running
-- anything. The row is inserted first thing in the call, so that concurrent calls with one key
-- wait on its primary key until the first commits or rolls back; 'pending' never commits.
create table tq_idempotency (
  idem_key       varchar(200)  not null primary key,
  fingerprint    varchar(64)   not null,
  command        varchar(200)  not null,
  actor          varchar(250),
  outcome        varchar(16)   not null check (outcome in ('pending', 'result', 'error')),
  -- a result: its class and its JSON (both null for a command without result)
  result_type    varchar(500),
  result_json    varchar(1000000),
  -- a typed error: its class, code and message, and the exception itself (Java serialization,
  -- base64, without causes) to throw an equal one again
  error_type     varchar(500),
  error_code     varchar(100),
  error_message  varchar(20000),
  error_data     varchar(1000000),
  created_at     timestamp with time zone not null,
  expires_at     timestamp with time zone not null
);
-- the purge of expired keys (engine.purge, the retention job), oldest first.
create index tq_idempotency_expires on tq_idempotency (expires_at);
