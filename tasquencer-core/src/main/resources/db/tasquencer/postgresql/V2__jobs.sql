-- Durable jobs owned by workflow elements. A job row is written in the same transaction as the state
-- change that registered it, and canceled in the transaction in which its owner finishes.

create table tq_job (
  id                uuid         not null primary key,
  root_id           uuid,
  owner_kind        varchar(16)
    check (owner_kind in ('workflow', 'task', 'work_item')),
  owner_id          uuid,
  owner_task        varchar(200),
  owner_generation  integer,
  handler           varchar(200) not null,
  payload           jsonb,
  run_at            timestamp with time zone not null,
  state             varchar(16)  not null
    check (state in ('pending', 'running', 'done', 'dead', 'canceled')),
  attempts          integer      not null default 0,
  max_attempts      integer      not null,
  last_error        text,
  locked_by         varchar(200),
  locked_until      timestamp with time zone,
  created_at        timestamp with time zone not null,
  updated_at        timestamp with time zone not null
);
create index tq_job_due on tq_job (state, run_at);
create index tq_job_owner on tq_job (owner_id, owner_kind, owner_task);
create index tq_job_root on tq_job (root_id);

-- Whether an element ever registered a job: teardown touches tq_job only for those.
alter table tq_workflow add column has_jobs boolean not null default false;
alter table tq_task add column has_jobs boolean not null default false;
alter table tq_work_item add column has_jobs boolean not null default false;
