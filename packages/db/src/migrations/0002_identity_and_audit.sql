-- Who may use the console (local accounts, their roles, browser sessions, API tokens) and the
-- append-only record of what was done with it.

create table users (
  id text primary key,
  -- kept as typed; uniqueness and look-ups ignore case (users_username_key)
  username text not null check (length(username) between 1 and 128),
  display_name text not null,
  -- null for an account that cannot sign in with a password (e.g. OIDC only)
  password_hash text null,
  disabled boolean not null default false,
  must_change_password boolean not null default false,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

create unique index users_username_key on users (lower(username));

create table user_roles (
  user_id text not null references users (id) on delete cascade,
  role text not null check (role in ('viewer', 'operator', 'approver', 'admin')),
  primary key (user_id, role)
);

-- A browser session. Only the SHA-256 of its token is stored: reading this table does not let
-- anyone act as the user.
create table sessions (
  id_hash text primary key,
  user_id text not null references users (id) on delete cascade,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  idle_expires_at timestamptz not null,
  absolute_expires_at timestamptz not null,
  revoked_at timestamptz null,
  ip text null,
  user_agent text null
);

create index sessions_user_id on sessions (user_id);

-- A token for scripts and CI, acting as its owner with at most the roles listed here.
create table api_tokens (
  id text primary key,
  user_id text not null references users (id) on delete cascade,
  name text not null,
  token_hash text not null unique,
  roles text[] not null check (
    cardinality(roles) > 0 and roles <@ array['viewer', 'operator', 'approver', 'admin']::text[]
  ),
  created_at timestamptz not null,
  last_used_at timestamptz null,
  expires_at timestamptz null,
  revoked_at timestamptz null
);

create index api_tokens_user_id on api_tokens (user_id);

create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  -- a username, or a name such as 'fleetdeck' for the system itself
  actor text not null,
  actor_kind text not null check (actor_kind in ('user', 'token', 'system', 'anonymous')),
  action text not null,
  entity_type text not null,
  entity_id text null,
  ip text null,
  request_id text null,
  before jsonb null,
  after jsonb null,
  outcome text not null default 'ok'
);

-- The audit view pages by id (newest first) within a filter, so each filter column leads an index
-- that ends with id.
create index audit_log_at on audit_log (at);
create index audit_log_actor on audit_log (actor, id);
create index audit_log_action on audit_log (action, id);
create index audit_log_entity on audit_log (entity_type, entity_id, id);

-- Append-only, enforced by the database rather than by the code that writes it. Statement-level,
-- so an UPDATE or DELETE is refused even when it matches no row. (Whoever owns the table can
-- still drop the trigger: this guards against the application, not against its administrator.)
create function audit_log_refuse_change() returns trigger
language plpgsql as $$
begin
  raise exception 'audit_log is append-only: % is not allowed', tg_op
    using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_log_append_only
  before update or delete or truncate on audit_log
  for each statement execute function audit_log_refuse_change();
