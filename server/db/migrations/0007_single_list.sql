-- National lists, the single list of terrorist, separatist and extremist organisations and
-- persons, the consolidation procedure between them, and the log of screening queries.
-- Entities are FollowTheMoney-shaped: a schema and statements (property, value, language).

-- An entry on a member state's national list, with the national listing record.
create table list_entry (
  id text primary key,
  state text not null references state(iso2),
  schema text not null check (schema in ('Person', 'Organization', 'LegalEntity')),
  caption text not null,
  statements jsonb not null,
  legal_basis text,
  listed_on date,
  reason text,
  -- The entry's id in the file it was imported from (UN reference number, FtM id).
  source_id text,
  status text not null default 'listed' check (status in ('listed', 'delisted')),
  created_by text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (state, source_id)
);
create index list_entry_state on list_entry (state, status);

-- An entity of the single list; each statement keeps the states it comes from.
create table single_list_entity (
  id text primary key,
  schema text not null check (schema in ('Person', 'Organization', 'LegalEntity')),
  caption text not null,
  statements jsonb not null,
  status text not null check (status in ('listed', 'delisted')),
  listed_on date not null,
  delisted_on date,
  updated_at timestamptz not null
);

-- A proposal to list, amend or delist, decided by the procedure the rules give.
create table listing_proposal (
  id text primary key,
  kind text not null check (kind in ('listing', 'amendment', 'delisting')),
  entity_id text references single_list_entity(id),
  proposed_by_state text not null references state(iso2),
  proposed_by text not null,
  reason text not null,
  procedure_kind text not null,
  eligible text[] not null,
  status text not null check (status in ('open', 'adopted', 'blocked', 'withdrawn')),
  opened_at timestamptz not null,
  closed_at timestamptz,
  -- A listing names its entity once adopted; an amendment or delisting names it from the start.
  check (kind = 'listing' or entity_id is not null)
);

-- National entries grouped under a proposal, with the judgement that they are the same subject.
create table proposal_entry (
  proposal_id text not null references listing_proposal(id),
  entry_id text not null references list_entry(id),
  judgement text not null check (judgement in ('same', 'different', 'unsure')),
  judged_by text not null,
  judged_at timestamptz not null,
  primary key (proposal_id, entry_id)
);

create table proposal_position (
  id serial primary key,
  proposal_id text not null references listing_proposal(id),
  state text not null references state(iso2),
  position text not null check (position in ('concur', 'object', 'hold')),
  review_date date,
  text text,
  expressed_by text not null,
  expressed_at timestamptz not null,
  check ((position = 'hold') = (review_date is not null))
);
create index proposal_position_proposal on proposal_position (proposal_id);

-- Who screened what: sensitive itself, so kept only as long as the retention setting allows.
create table screening_log (
  id bigserial primary key,
  actor text not null,
  at timestamptz not null,
  channel text not null,
  queries jsonb not null,
  results jsonb not null
);
create index screening_log_at on screening_log (at);
