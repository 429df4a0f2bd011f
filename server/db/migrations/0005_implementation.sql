-- Implementation monitoring: action plans (trees of measures) and the states' reports on them.
-- Reports are versioned and never overwritten; status and rates are computed, never stored.

create table action_plan (
  id text primary key,
  document_id text references document(id),
  implements text references document(id),
  title_en text not null,
  title_ru text,
  title_zh text,
  pillar text not null check (pillar in ('security', 'economy', 'culture')),
  period_start date,
  period_end date,
  public boolean not null default true,
  source text[] not null default '{}',
  confidence text not null,
  note text,
  origin text not null default 'reference' check (origin in ('reference', 'import', 'demo'))
);

create table measure (
  id text primary key,
  plan_id text not null references action_plan(id),
  parent_id text references measure(id),
  code text not null,
  title text not null,
  responsible_states text[] not null default '{}',
  responsible_organs text[] not null default '{}',
  start_date date,
  deadline date,
  indicator_unit text,
  baseline numeric,
  target numeric,
  weight numeric not null default 1 check (weight > 0),
  dropped boolean not null default false,
  unique (plan_id, code)
);
create index measure_plan on measure (plan_id);

create table measure_report (
  id text primary key,
  measure_id text not null references measure(id),
  state_iso2 char(2) not null references state(iso2),
  version int not null,
  value numeric,
  claim text not null check (claim in ('in_progress', 'at_risk', 'done')),
  narrative text,
  evidence text[] not null default '{}',
  report_date date not null,
  submitted_by text not null references app_user(id),
  submitted_at timestamptz not null,
  review text not null default 'submitted' check (review in ('submitted', 'returned')),
  review_note text,
  reviewed_by text references app_user(id),
  reviewed_at timestamptz,
  unique (measure_id, state_iso2, version)
);
create index measure_report_measure on measure_report (measure_id);
