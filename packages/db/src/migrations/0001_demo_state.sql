-- What the demo control plane must remember across restarts: the runtime config patches applied
-- to its instances (the demo fleet's metrics are a function of this history) and injected faults.

create table demo_config_events (
  id bigserial primary key,
  instance_id text not null,
  at timestamptz not null,
  patch jsonb not null,
  created_at timestamptz not null default now()
);

create table demo_faults (
  id text primary key,
  kind text not null,
  target jsonb not null,
  start_at timestamptz not null,
  -- null while the fault is still active
  end_at timestamptz null,
  severity double precision not null,
  created_at timestamptz not null default now()
);
