-- Single sign-on with an OpenID Connect provider: which provider account is which console user,
-- the sign-ins under way, and what signing out at the provider needs.

-- A console user who signs in at an identity provider, known there by (issuer, subject). Usernames
-- are never used to find the account: a provider user named like a local account is not that account.
create table oidc_identities (
  issuer text not null,
  subject text not null,
  user_id text not null unique references users (id) on delete cascade,
  created_at timestamptz not null,
  last_sign_in_at timestamptz not null,
  primary key (issuer, subject)
);

-- A sign-in sent to the provider and not yet back. Known by the SHA-256 of the random value in the
-- browser's short-lived cookie, so only the browser that started it can finish it; used once.
create table oidc_login_attempts (
  id_hash text primary key,
  state text not null,
  nonce text not null,
  code_verifier text not null,
  redirect_path text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null
);

create index oidc_login_attempts_expires_at on oidc_login_attempts (expires_at);

-- The ID token a session was opened with, for signing out at the provider too (id_token_hint).
create table oidc_sessions (
  session_id_hash text primary key references sessions (id_hash) on delete cascade,
  issuer text not null,
  id_token text not null
);
