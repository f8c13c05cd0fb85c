-- Incidents (issue 14, item 1; docs/incidents.md): a job parked as dead opens an incident on its
-- owner in the same transaction; an operator retries the job or resolves the incident. The primary
-- key leads with the root workflow id, as every instance row's does, so that a purge deletes a
-- tree's rows by root id.
create table tq_incident (
  root_id           uuid          not null,
  id                uuid          not null,
  workflow_id       uuid          not null,
  workflow_name     varchar(200)  not null,
  owner_kind        varchar(16)   not null,
  owner_id          uuid          not null,
  owner_task        varchar(200),
  owner_generation  integer,
  job_id            uuid          not null,
  handler           varchar(200)  not null,
  error_type        varchar(500)  not null,
  error_message     varchar(20000),
  attempts          integer       not null,
  payload           varchar(1000000),
  opened_at         timestamp with time zone not null,
  state             varchar(16)   not null check (state in ('open', 'resolved')),
  resolution        varchar(16)
    check (resolution in ('retried', 'completed', 'failed', 'canceled', 'owner_ended')),
  resolved_by       varchar(250),
  resolved_at       timestamp with time zone,
  primary key (root_id, id)
);
-- retry(id) and resolve(id) find an incident by its id alone.
create unique index tq_incident_id on tq_incident (id);
-- list(filter, page): by state, then keyset on the id (time-ordered).
create index tq_incident_state on tq_incident (state, id);
-- a job's open incident (a job that succeeds after a retry resolves it).
create index tq_incident_job on tq_incident (job_id);

-- The number of open incidents of a root's tree, on the root's row (children keep 0): what a
-- search for instances with an open incident reads (issue 14 item 4 chooses its index).
alter table tq_workflow add column open_incidents integer default 0 not null;
