-- Economic cooperation: reference indicators (World Bank WDI) with the figures quoted in the seeds,
-- and the project pipeline with its financing. Group aggregates, ratios and delays are computed,
-- never stored.

-- One indicator as WDI names it (code in WDI's lower-case form, e.g. ny.gdp.mktp.cd) and the rule
-- forming a group's value from its states' values.
create table economy_indicator (
  code text primary key,
  name_en text not null,
  name_ru text,
  name_zh text,
  unit text not null,
  aggregation text not null check (aggregation in ('sum', 'ratio', 'weighted_mean', 'none')),
  numerator text,
  denominator text,
  weight text,
  source text[] not null default '{}',
  confidence text not null,
  note text
);

-- A value of an indicator for an economy (ISO alpha-3 as WDI writes it; WLD is the world) and year.
create table economy_observation (
  indicator_code text not null references economy_indicator(code) on delete cascade,
  area text not null,
  year integer not null,
  value double precision not null,
  primary key (indicator_code, area, year)
);

-- What the seed last loaded, so a second run with unchanged files changes nothing.
create table economy_dataset (
  id text primary key,
  fingerprint text not null,
  observations integer not null,
  loaded_at timestamptz not null
);

-- A figure quoted in a source text, with what it measures where the product computes the same.
create table economy_statement (
  id text primary key,
  indicator_code text references economy_indicator(code),
  group_id text,
  year integer,
  value double precision not null,
  unit text not null,
  quote text not null,
  label_en text not null,
  label_ru text,
  label_zh text,
  source text[] not null default '{}',
  confidence text not null,
  note text
);

-- A project in the pipeline. Its participants are the members that joined its decision
-- (interested-states procedure, draft_id); the project binds no other state.
create table economy_project (
  id text primary key,
  title_en text not null,
  title_ru text,
  title_zh text,
  sector text not null,
  stage text not null check (stage in ('idea', 'proposal', 'appraisal', 'financing', 'implementation', 'completed', 'dropped')),
  location text,
  host_states text[] not null default '{}',
  draft_id text references draft(id),
  planned_start date,
  planned_end date,
  actual_start date,
  actual_end date,
  source text[] not null default '{}',
  confidence text not null,
  note text,
  origin text not null default 'reference' check (origin in ('reference', 'user')),
  updated_at timestamptz not null default now()
);

-- A financing commitment: who lends or grants (source), how (instrument), how much in which currency.
create table economy_financing (
  id text primary key,
  project_id text not null references economy_project(id) on delete cascade,
  source_name text not null,
  source_kind text not null check (source_kind in ('interbank_consortium', 'development_bank', 'fund', 'government', 'commercial_bank', 'other')),
  instrument text not null check (instrument in ('loan', 'concessional_loan', 'grant', 'equity', 'guarantee', 'credit_line')),
  amount numeric not null check (amount > 0),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  committed_on date,
  recorded_at timestamptz not null default now()
);

create table economy_disbursement (
  id bigint generated always as identity primary key,
  financing_id text not null references economy_financing(id) on delete cascade,
  disbursed_on date not null,
  amount numeric not null check (amount > 0),
  recorded_at timestamptz not null default now()
);
create index economy_disbursement_financing on economy_disbursement (financing_id);

-- Bilateral trade as users import it from UN Comtrade or the IMF (no bilateral data ships: their
-- terms forbid redistribution). One row per reporter, partner (ISO alpha-3; WLD is the world),
-- year and flow as the reporter declared it; a re-import of the same source replaces its values.
create table economy_trade_import (
  id text primary key,
  source text not null check (source in ('comtrade', 'imf')),
  file_name text,
  rows integer not null,
  imported_by text not null,
  imported_at timestamptz not null
);

create table economy_trade_flow (
  source text not null check (source in ('comtrade', 'imf')),
  reporter text not null,
  partner text not null,
  year integer not null,
  flow text not null check (flow in ('export', 'import')),
  value double precision not null check (value >= 0),
  import_id text not null references economy_trade_import(id),
  primary key (source, reporter, partner, year, flow)
);
