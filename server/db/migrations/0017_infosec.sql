-- Information security: records shared between member states' nodes under sharing policies.
create table infosec_record (
  id uuid primary key,
  version integer not null check (version >= 1),
  kind text not null check (kind in ('warning', 'incident')),
  originator text not null,
  tlp text not null check (tlp in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
  pap text not null check (pap in ('CLEAR', 'GREEN', 'AMBER', 'RED')),
  audience jsonb not null,
  -- The states the policy resolved to when the version was issued (the originator's word).
  recipients text[] not null,
  title text not null,
  body jsonb not null,
  revoked boolean not null default false,
  issued_by text not null,
  issued_at timestamptz not null,
  received_at timestamptz
);
create index infosec_record_issued on infosec_record (issued_at desc);

create table infosec_acknowledgement (
  record_id uuid not null references infosec_record (id) on delete cascade,
  state text not null,
  acknowledged_by text not null,
  acknowledged_at timestamptz not null,
  primary key (record_id, state)
);

-- Envelopes waiting to be published (written in the change's transaction, sent after commit).
create table infosec_outbox (
  seq bigserial primary key,
  msg_id text not null unique,
  recipient text not null,
  signed jsonb not null,
  created_at timestamptz not null default now()
);

create table infosec_peer (
  state text primary key,
  public_key text not null,
  approved_by text not null,
  approved_at timestamptz not null
);

create table infosec_sharing_group (
  id text primary key check (id ~ '^[a-z0-9-]{1,64}$'),
  name text not null,
  states text[] not null,
  created_by text not null,
  created_at timestamptz not null
);

create table infosec_rejected (
  id bigserial primary key,
  at timestamptz not null default now(),
  subject text not null,
  origin text,
  reason text not null
);

-- Sightings and notes from recipient states on a record, sent back to its originator.
create table infosec_sighting (
  id uuid primary key,
  record_id uuid not null references infosec_record (id) on delete cascade,
  state text not null,
  kind text not null check (kind in ('seen', 'false_positive', 'note')),
  note text not null default '',
  reported_by text not null,
  reported_at timestamptz not null
);
create index infosec_sighting_record on infosec_sighting (record_id, reported_at);
