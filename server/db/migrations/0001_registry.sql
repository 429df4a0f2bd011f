-- The institutional registry: organisation, states and their status over time, organs,
-- meetings, chairmanships, documents and the per-party ledger.
-- Written for both PostgreSQL 15 (server) and PostgreSQL 18 (PGlite).

create table organisation (
  id text primary key,
  name_en text not null,
  name_ru text,
  name_zh text,
  rules jsonb not null
);

create table state (
  iso2 char(2) primary key,
  iso3 char(3) not null unique,
  m49 char(3) not null,
  name_en text not null,
  name_ru text,
  name_zh text,
  official_name_en text,
  source text[] not null default '{}',
  confidence text not null
);

create table organ (
  id text primary key,
  parent_id text references organ(id),
  kind text not null,
  name_en text not null,
  name_ru text,
  name_zh text,
  charter_article int,
  permanent boolean not null default false,
  seat text,
  functions text[] not null default '{}',
  founding_document text,
  source text[] not null default '{}',
  confidence text not null,
  note text
);

create table official (
  organ_id text not null references organ(id),
  name text not null,
  state_iso2 char(2) references state(iso2),
  title text not null,
  term_start text not null,
  term_end text,
  source text[] not null default '{}',
  confidence text not null,
  note text,
  primary key (organ_id, name, term_start)
);

create table meeting (
  id text primary key,
  organ_id text not null references organ(id),
  number int,
  start_date date not null,
  end_date date not null,
  city text not null,
  host_iso2 char(2) references state(iso2),
  chair_iso2 char(2) references state(iso2),
  format text not null,
  outcomes text,
  source text[] not null default '{}',
  confidence text not null,
  note text,
  check (end_date >= start_date)
);
create index meeting_organ_start on meeting (organ_id, start_date);

create table status_period (
  state_iso2 char(2) not null references state(iso2),
  status text not null,
  valid_from date not null,
  valid_to date,
  basis text,
  meeting_id text references meeting(id),
  source text[] not null default '{}',
  confidence text not null,
  note text,
  primary key (state_iso2, valid_from, status),
  check (valid_to is null or valid_to > valid_from)
);

create table chairmanship (
  state_iso2 char(2) not null references state(iso2),
  valid_from date not null primary key,
  valid_to date,
  summit_id text references meeting(id),
  source text[] not null default '{}',
  confidence text not null,
  note text
);

create table document (
  id text primary key,             -- Akoma Ntoso style URI, e.g. /akn/sco/act/charter/2002-06-07/charter
  key text not null unique,        -- the URI's path after /akn/sco/act/, joined by '-': used in URLs
  kind text not null,
  title_en text not null,
  title_ru text,
  title_zh text,
  date date,
  date_precision text,
  place text,
  organ_id text references organ(id),
  meeting_id text references meeting(id),
  counterparty text,
  in_force date,
  entry_into_force text not null,
  named_in_seeds boolean not null default false,
  source text[] not null default '{}',
  confidence text not null,
  note text
);
create index document_kind_date on document (kind, date);

create table document_action (
  document_id text not null references document(id),
  state_iso2 char(2) not null references state(iso2),
  action text not null,
  date date not null,
  text text,
  source text[] not null default '{}',
  confidence text not null,
  note text,
  primary key (document_id, state_iso2, action, date)
);
