-- Accounts: users, their roles (scoped to a state and/or an organ), browser sessions and API
-- tokens. Secrets are stored only as hashes.

create table app_user (
  id text primary key,
  email text not null unique,
  display_name text not null,
  password_hash text,
  failed_logins int not null default 0,
  locked_until timestamptz,
  disabled boolean not null default false,
  created_at timestamptz not null
);

create table role_assignment (
  id text primary key,
  user_id text not null references app_user(id),
  role text not null,
  state_iso2 char(2) references state(iso2),
  organ_id text references organ(id),
  granted_at timestamptz not null,
  revoked_at timestamptz
);
create index role_assignment_user on role_assignment (user_id) where revoked_at is null;

create table user_session (
  token_hash char(64) primary key,
  user_id text not null references app_user(id),
  csrf_token text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null
);

create table api_token (
  id text primary key,
  user_id text not null references app_user(id),
  name text not null,
  token_hash char(64) not null unique,
  scopes text[] not null,
  created_at timestamptz not null,
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz
);
