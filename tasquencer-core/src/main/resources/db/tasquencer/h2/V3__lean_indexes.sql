-- Fewer index writes per transition. Every engine call reads its rows by primary key, by workflow
-- (the leading column of the task, condition and generation keys) or by owning task generation;
-- none reads instance rows by root, so the root indexes only cost an index insert per row.
-- The work item and definition indexes lose their state column: a state change then touches no
-- index key, so the database can update the row in place (a heap-only update on PostgreSQL).
drop index tq_workflow_root;
drop index tq_task_root;
drop index tq_task_generation_root;
drop index tq_condition_root;
drop index tq_work_item_root;

drop index tq_work_item_task;
create index tq_work_item_task on tq_work_item (workflow_id, task_name, task_generation);

drop index tq_workflow_definition;
create index tq_workflow_definition on tq_workflow (definition_name, definition_version);
