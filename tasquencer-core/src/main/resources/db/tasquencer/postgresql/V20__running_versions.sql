-- Versions registry (issue 15, item 1; docs/versioning.md): at every start the engine counts the
-- running roots per definition name and version (one grouped statement) to report versions that
-- are not registered or whose structure changed. Partial on running roots, so that the count reads
-- only them, however many finished roots the table holds; it changes when a root starts or ends.
create index tq_workflow_running_version on tq_workflow (definition_name, definition_version)
  where parent_workflow_id is null and state in ('initialized', 'started');
