-- Versions registry (issue 15, item 1; docs/versioning.md): the start-up count of running roots
-- per definition name and version reads the index tq_workflow_definition (V3). H2 has no partial
-- indexes; this migration keeps the version numbers of both dialects alike.
select 1;
