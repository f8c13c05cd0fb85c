-- Identity and permissions (issue 13, item 1): roles (bundles of scopes declared in code), groups,
-- memberships of users in groups (with an optional expiry), and roles assigned to groups and to
-- users. Users are known by id only; the engine stores no passwords and no user table. Roles and
-- groups have a surrogate id so that other tables (offers) can refer to them; names are unique.
create table tq_role (
  id           uuid          not null primary key,
  name         varchar(100)  not null,
  description  varchar(1000) not null,
  active       boolean       not null,
  created_at   timestamp with time zone not null,
  updated_at   timestamp with time zone not null,
  constraint tq_role_name unique (name)
);

-- A role's scopes: declared scope names, wildcards of declared modules ("expense:*") or "*".
create table tq_role_scope (
  role_id  uuid          not null,
  scope    varchar(200)  not null,
  primary key (role_id, scope)
);

create table tq_group (
  id           uuid          not null primary key,
  name         varchar(100)  not null,
  description  varchar(1000) not null,
  active       boolean       not null,
  created_at   timestamp with time zone not null,
  updated_at   timestamp with time zone not null,
  constraint tq_group_name unique (name)
);

-- The effective-scope query reads a user's memberships by the primary key's user_id prefix; the
-- members of a group (listing, deleting a group) come from the second index.
create table tq_group_member (
  user_id     varchar(200)  not null,
  group_id    uuid          not null,
  joined_at   timestamp with time zone not null,
  expires_at  timestamp with time zone,
  primary key (user_id, group_id)
);
create index tq_group_member_group on tq_group_member (group_id, user_id);

-- Roles of a group: by group in the effective-scope query (primary key), by role when a role is
-- deleted or listed.
create table tq_group_role (
  group_id     uuid  not null,
  role_id      uuid  not null,
  assigned_at  timestamp with time zone not null,
  primary key (group_id, role_id)
);
create index tq_group_role_role on tq_group_role (role_id);

-- Roles assigned to a user directly, with an optional expiry.
create table tq_user_role (
  user_id      varchar(200)  not null,
  role_id      uuid          not null,
  assigned_at  timestamp with time zone not null,
  expires_at   timestamp with time zone,
  primary key (user_id, role_id)
);
create index tq_user_role_role on tq_user_role (role_id);
