-- Membership and relations as acts (a state's status periods are derived from them), memoranda
-- with international organisations with their own ledger, and cultural and humanitarian events
-- on the same calendar as meetings.

create table membership_act (
  id text primary key,
  state_iso2 char(2) not null references state(iso2),
  act text not null check (act in ('founding', 'application', 'procedure_launched', 'memorandum_of_obligations', 'dialogue_memorandum', 'admission', 'status_change', 'withdrawal')),
  status text,
  date date not null,
  date_precision text not null default 'day' check (date_precision in ('day', 'month', 'year')),
  organ_id text references organ(id),
  meeting_id text references meeting(id),
  -- The decision or instrument, when the registry holds it.
  decision_id text references document(id),
  basis text,
  source text[] not null default '{}',
  confidence text not null,
  note text,
  -- 'reference' rows come from data/<org>/membership-acts.csv; 'secretariat' rows are recorded here.
  origin text not null default 'reference' check (origin in ('reference', 'secretariat')),
  recorded_by text references app_user(id),
  recorded_at timestamptz
);
create index membership_act_state on membership_act (state_iso2, date);

create table international_organisation (
  id text primary key,
  name_en text not null,
  name_ru text,
  name_zh text,
  source text[] not null default '{}',
  confidence text not null,
  note text
);

create table org_memorandum (
  id text primary key,
  organisation_id text not null references international_organisation(id),
  -- The SCO body that is party to it (the Secretariat, the RATS Executive Committee…).
  sco_party text not null references organ(id),
  kind text not null,
  title_en text not null,
  title_ru text,
  title_zh text,
  document_id text references document(id),
  source text[] not null default '{}',
  confidence text not null,
  note text
);

-- The memorandum's ledger: what each side did and when (decided, signed, in force, …).
create table org_memorandum_action (
  memorandum_id text not null references org_memorandum(id),
  action text not null,
  date date not null,
  date_precision text not null default 'day' check (date_precision in ('day', 'month', 'year')),
  place text,
  meeting_id text references meeting(id),
  source text[] not null default '{}',
  confidence text not null,
  note text,
  -- 'reference' rows come from data/<org>/org-memorandum-actions.csv; 'secretariat' rows are recorded here.
  origin text not null default 'reference' check (origin in ('reference', 'secretariat')),
  recorded_by text references app_user(id),
  recorded_at timestamptz,
  primary key (memorandum_id, action, date)
);

create table cultural_event (
  id text primary key,
  kind text not null check (kind in ('thematic_year', 'cultural_capital', 'festival', 'forum', 'youth', 'media')),
  title_en text not null,
  title_ru text,
  title_zh text,
  start_date date not null,
  end_date date not null,
  date_precision text not null default 'day' check (date_precision in ('day', 'month', 'year')),
  city text,
  hosts text[] not null default '{}',
  states text[] not null default '{}',
  organ_id text references organ(id),
  -- The meeting that decided or hosted it.
  meeting_id text references meeting(id),
  source text[] not null default '{}',
  confidence text not null,
  note text,
  check (end_date >= start_date)
);
create index cultural_event_start on cultural_event (start_date);
