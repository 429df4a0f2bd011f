-- Every organ's meetings kept by the Secretariat, each organ's mandated rhythm (data) and the
-- dormant-body alerts sent when one is missed; commitments of a draft's implementation annex,
-- which become measures (linked back to their paragraph) on adoption.

alter table meeting add column origin text not null default 'reference' check (origin in ('reference', 'secretariat'));

-- The working record of a meeting (reference or not): agenda, delegations, outcome, minutes.
create table meeting_record (
  meeting_id text primary key references meeting(id),
  agenda jsonb not null default '[]',
  delegations jsonb not null default '[]',
  outcome_documents text[] not null default '{}',
  minutes text,
  updated_by text not null references app_user(id),
  updated_at timestamptz not null
);

create table organ_rhythm (
  organ_id text primary key references organ(id),
  rhythm text not null check (rhythm in ('annual', 'twice_yearly', 'thrice_yearly', 'as_needed')),
  interval_months int check (interval_months > 0),
  grace_days int not null default 0 check (grace_days >= 0),
  counted_from date not null,
  source text[] not null default '{}',
  confidence text not null,
  note text
);

-- One alert per organ and missed due date: the dispatcher and an officer's check never both send it.
create table dormant_alert (
  organ_id text not null references organ(id),
  due date not null,
  sent_at timestamptz not null,
  primary key (organ_id, due)
);

-- A draft's implementation annex: the pillar its measures belong to, and its commitments.
create table draft_annex (
  draft_id text primary key references draft(id),
  pillar text not null check (pillar in ('security', 'economy', 'culture'))
);

create table draft_commitment (
  draft_id text not null references draft_annex(draft_id),
  paragraph text not null,
  what text not null,
  states text[] not null default '{}',
  organs text[] not null default '{}',
  deadline date,
  indicator text,
  primary key (draft_id, paragraph)
);

-- The paragraph (Akoma Ntoso eId) of the document a measure implements.
alter table measure add column paragraph text;
alter table action_plan drop constraint action_plan_origin_check;
alter table action_plan add constraint action_plan_origin_check check (origin in ('reference', 'import', 'demo', 'decision'));
