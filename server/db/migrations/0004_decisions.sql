-- Drafting and the decision cycle: drafts with versions and amendments, a procedure per draft
-- with every position ever expressed, the recorded decision, and notices (inbox + webhooks).

create table draft (
  id text primary key,
  organ_id text not null references organ(id),
  kind text not null,
  title text not null,
  tabled_by_state char(2) references state(iso2),  -- null: tabled by the Secretariat
  tabled_by text not null references app_user(id),
  tabled_at timestamptz not null,
  status text not null check (status in ('draft', 'in_procedure', 'adopted', 'rejected', 'withdrawn')),
  current_version int not null
);
create index draft_organ on draft (organ_id, status);

create table draft_version (
  draft_id text not null references draft(id),
  version int not null,
  text_en text,
  text_ru text,
  text_zh text,
  note text,
  created_by text not null references app_user(id),
  created_at timestamptz not null,
  primary key (draft_id, version),
  check (coalesce(text_en, text_ru, text_zh) is not null)
);

create table amendment (
  id text primary key,
  draft_id text not null references draft(id),
  proposed_by_state char(2) references state(iso2),
  proposed_by text not null references app_user(id),
  proposed_at timestamptz not null,
  base_version int not null,
  text_en text,
  text_ru text,
  text_zh text,
  rationale text,
  status text not null check (status in ('proposed', 'accepted', 'rejected')),
  decided_by text references app_user(id),
  decided_at timestamptz,
  resulting_version int
);

create table decision_procedure (
  id text primary key,
  draft_id text not null unique references draft(id),
  kind text not null,
  eligible text[] not null,
  concerned_state char(2) references state(iso2),
  deadline timestamptz,
  opened_by text not null references app_user(id),
  opened_at timestamptz not null
);

-- Positions are never updated: a state's latest position counts, the history stays.
create table position (
  id bigint generated always as identity primary key,
  procedure_id text not null references decision_procedure(id),
  state_iso2 char(2) not null references state(iso2),
  position text not null,
  text text,
  expressed_by text not null references app_user(id),
  expressed_at timestamptz not null
);
create index position_procedure on position (procedure_id, expressed_at);

create table decision_record (
  id text primary key,
  draft_id text not null unique references draft(id),
  outcome text not null check (outcome in ('adopted', 'rejected', 'withdrawn')),
  participants text[] not null default '{}',
  document_id text references document(id),
  supersedes text references decision_record(id),
  recorded_by text not null references app_user(id),
  recorded_at timestamptz not null
);

create table notification (
  id bigint generated always as identity primary key,
  user_id text not null references app_user(id),
  event text not null,
  subject_id text not null,
  summary text not null,
  created_at timestamptz not null,
  read_at timestamptz
);
create index notification_user on notification (user_id, created_at);

create table webhook (
  id text primary key,
  url text not null,
  secret text not null,
  events text[] not null,
  created_by text not null references app_user(id),
  created_at timestamptz not null,
  active boolean not null default true
);

-- The outbox: written with the change, delivered after commit, each attempt recorded.
create table webhook_delivery (
  id bigint generated always as identity primary key,
  webhook_id text not null references webhook(id),
  event text not null,
  payload jsonb not null,
  created_at timestamptz not null,
  attempts int not null default 0,
  delivered_at timestamptz,
  last_error text
);
create index webhook_delivery_pending on webhook_delivery (id) where delivered_at is null;

alter table decision_procedure add column deadline_notice_at timestamptz;

-- Adopted decisions enter the registry; the seed manages only the rows that came from the files.
alter table document add column origin text not null default 'reference' check (origin in ('reference', 'decision'));
alter table document add column parties text[] not null default '{}';
