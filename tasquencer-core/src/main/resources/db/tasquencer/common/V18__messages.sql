-- Message correlation (issue 14, item 5; docs/messages.md).
--
-- A work item that waits for a message has one row here from its initialize until it ends (or a
-- message is delivered to it). The primary key leads with the root workflow id, as every instance
-- row's does, so that a purge deletes a tree's rows by root id.
create table tq_message_wait (
  root_id          uuid          not null,
  work_item_id     uuid          not null,
  workflow_id      uuid          not null,
  message          varchar(200)  not null,
  correlation_key  varchar(500)  not null,
  created_at       timestamp with time zone not null,
  primary key (root_id, work_item_id)
);
-- correlate(message, key, payload): the waiting work items, with their roots to lock.
create index tq_message_wait_key on tq_message_wait (message, correlation_key, root_id, work_item_id);

-- Bufferable messages that found no receiver, kept until they expire. Owned by no workflow tree:
-- expired rows are deleted by engine.purge and the retention job.
create table tq_message_buffer (
  id               uuid          not null primary key,
  message          varchar(200)  not null,
  correlation_key  varchar(500)  not null,
  payload          varchar(1000000),
  received_at      timestamp with time zone not null,
  expires_at       timestamp with time zone not null,
  sent_by          varchar(250)
);
-- a work item that starts waiting takes the oldest unexpired message of its key.
create index tq_message_buffer_key on tq_message_buffer (message, correlation_key, received_at, id);
-- the purge of expired messages.
create index tq_message_buffer_expiry on tq_message_buffer (expires_at);

-- Fixed lock rows: buffering a message and registering a wait under the same (message, key) lock
-- the key's stripe (a hash of both, modulo 256), so that neither misses the other.
create table tq_message_stripe (
  stripe  integer  not null primary key
);
insert into tq_message_stripe (stripe)
select hi.n * 16 + lo.n
from (values (0), (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15)) as hi (n)
cross join (values (0), (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15)) as lo (n);
