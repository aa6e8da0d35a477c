-- Change requests: a proposed runtime config change with its approvals and, once it runs, its
-- rollout. One row per change, whose version every transition compares and sets, so two people
-- (or the controller and a person) acting at once cannot both succeed on the same version.
create table change_requests (
  id text primary key,
  -- what people call it: "#12"
  number bigint generated always as identity unique,
  version integer not null check (version >= 1),
  state text not null check (state in (
    'draft', 'pending_approval', 'approved', 'rolling', 'paused', 'completed',
    'rejected', 'cancelled', 'expired', 'rolling_back', 'rolled_back'
  )),
  service_id text not null,
  title text not null,
  author_id text not null references users (id),
  -- the change as the domain model holds it: content, content hash, approvals, reasons
  record jsonb not null check (jsonb_typeof(record) = 'object'),
  -- the rollout's progress once it started: stage, phase, batches, configs before and after
  rollout jsonb null check (rollout is null or jsonb_typeof(rollout) = 'object'),
  -- when the rollout controller should look at it next; null when it has nothing to do
  due_at timestamptz null,
  -- when a pending request or an approval runs out, for the expiry sweep
  expires_at timestamptz null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

-- One active rollout per service, kept by the database itself: two changes approved at once
-- cannot both start.
create unique index change_requests_one_active_per_service
  on change_requests (service_id)
  where state in ('rolling', 'paused', 'rolling_back');

create index change_requests_due on change_requests (due_at) where due_at is not null;
create index change_requests_expiring on change_requests (expires_at) where expires_at is not null;
create index change_requests_updated on change_requests (updated_at desc, id desc);
create index change_requests_service on change_requests (service_id, updated_at desc);

create table change_comments (
  id bigint generated always as identity primary key,
  change_id text not null references change_requests (id) on delete cascade,
  author_id text not null references users (id),
  body text not null check (length(body) between 1 and 10000),
  created_at timestamptz not null
);

create index change_comments_change on change_comments (change_id, id);

-- Each step the rollout controller takes, written before its side effect (apply a config, read
-- gate metrics) and finished after it. A step a crash cut short is found open and finished with
-- the same request; a step is never taken twice.
create table rollout_steps (
  change_id text not null references change_requests (id) on delete cascade,
  seq integer not null check (seq >= 0),
  kind text not null,
  stage_index integer null,
  request jsonb not null,
  outcome jsonb null,
  started_at timestamptz not null,
  finished_at timestamptz null,
  primary key (change_id, seq)
);
