-- Profiles captured from an instance's net/http/pprof endpoints or uploaded by someone, kept with
-- the original bytes (so a download opens in `go tool pprof` exactly as the target served it) and
-- with what the list and the flame graph need to know without decoding them again.
create table profiles (
  id uuid primary key,
  name text not null check (length(name) between 1 and 200),
  -- null for an upload, whose kind nobody told us
  kind text null check (kind in ('cpu', 'heap', 'allocs', 'goroutine', 'mutex', 'block')),
  origin text not null check (origin in ('capture', 'upload')),
  instance_id text null,
  service text null,
  source_id text null,
  captured_at timestamptz not null,
  duration_seconds double precision null check (duration_seconds >= 0),
  -- [{ "type": "cpu", "unit": "nanoseconds" }, ...], in the profile's order
  sample_types jsonb not null check (jsonb_typeof(sample_types) = 'array'),
  default_sample_type text not null,
  -- the sum of each sample type over every sample, in sample_types' order
  totals jsonb not null check (jsonb_typeof(totals) = 'array'),
  -- where the instance runs (region, cluster, ...) and anything else worth showing beside it
  labels jsonb not null default '{}' check (jsonb_typeof(labels) = 'object'),
  size_bytes integer not null check (size_bytes >= 0),
  bytes bytea not null,
  created_by text not null references users (id),
  created_at timestamptz not null,
  check (size_bytes = octet_length(bytes))
);

-- The list pages newest first by (captured_at, id), over everything or within one filter.
create index profiles_captured_at on profiles (captured_at desc, id desc);
create index profiles_instance on profiles (instance_id, captured_at desc, id desc);
create index profiles_service on profiles (service, captured_at desc, id desc);
