-- Corridors and infrastructure: named places, corridors as ordered segments between them, and the
-- border-crossing times states report over time. End-to-end times and the slowest crossing are
-- computed (server/modules/economy/corridor-times.ts), never stored. Also: project milestones and
-- the action-plan measures a project carries out.

-- A named place: a city, a port, a border crossing (lying in two states), a gas field or a station.
-- Coordinates are optional (a place without them is listed, not drawn) and always carry their source.
create table economy_place (
  id text primary key,
  name_en text not null,
  name_ru text,
  name_zh text,
  kind text not null check (kind in ('city', 'port', 'border_crossing', 'field', 'station')),
  states text[] not null default '{}',
  lat double precision check (lat between -90 and 90),
  lon double precision check (lon between -180 and 180),
  coordinates_source text,
  source text[] not null default '{}',
  confidence text not null,
  note text,
  check ((lat is null) = (lon is null)),
  check (lat is null or coordinates_source is not null)
);

create table economy_corridor (
  id text primary key,
  name_en text not null,
  name_ru text,
  name_zh text,
  kind text not null check (kind in ('transport', 'energy', 'digital', 'programme')),
  states text[] not null default '{}',
  source text[] not null default '{}',
  confidence text not null,
  note text
);

-- One leg of a corridor, in order. Mode, capacity, length and transit time are null where no
-- source reports them ("not reported"), never guessed.
create table economy_corridor_segment (
  corridor_id text not null references economy_corridor(id) on delete cascade,
  seq integer not null check (seq >= 1),
  from_place text not null references economy_place(id),
  to_place text not null references economy_place(id),
  mode text check (mode in ('rail', 'road', 'sea', 'pipeline', 'power_line', 'fibre')),
  status text not null check (status in ('operating', 'under_construction', 'planned', 'proposed')),
  capacity double precision check (capacity > 0),
  capacity_unit text,
  length_km double precision check (length_km > 0),
  transit_hours double precision check (transit_hours >= 0),
  source text[] not null default '{}',
  confidence text not null,
  note text,
  primary key (corridor_id, seq),
  check (from_place <> to_place),
  check ((capacity is null) = (capacity_unit is null))
);

-- The time goods took to clear one state's side of a border crossing, as that state reported it
-- for the period ending on observed_on. A new report for the same day replaces the old (audited).
create table economy_crossing_time (
  place_id text not null references economy_place(id),
  state_iso2 text not null references state(iso2),
  observed_on date not null,
  hours double precision not null check (hours >= 0 and hours <= 8760),
  source text,
  reported_by text not null,
  reported_at timestamptz not null,
  primary key (place_id, state_iso2, observed_on)
);

-- A project's milestones: planned and actual dates; the delay is computed.
create table economy_project_milestone (
  id text primary key,
  project_id text not null references economy_project(id) on delete cascade,
  title_en text not null,
  title_ru text,
  title_zh text,
  planned_on date not null,
  actual_on date,
  recorded_by text not null,
  recorded_at timestamptz not null
);
create index economy_project_milestone_project on economy_project_milestone (project_id);

-- The action-plan measures a project carries out, and the corridors it belongs to.
create table economy_project_measure (
  project_id text not null references economy_project(id) on delete cascade,
  measure_id text not null references measure(id),
  primary key (project_id, measure_id)
);

create table economy_project_corridor (
  project_id text not null references economy_project(id) on delete cascade,
  corridor_id text not null references economy_corridor(id) on delete cascade,
  primary key (project_id, corridor_id)
);

-- Trade by product with the world (partner WLD), as users import it from UN Comtrade: the
-- complementarity index is computed from each state's export and import structure.
create table economy_trade_product (
  source text not null check (source in ('comtrade', 'imf')),
  reporter text not null,
  year integer not null,
  flow text not null check (flow in ('export', 'import')),
  product text not null,
  value double precision not null check (value >= 0),
  import_id text not null references economy_trade_import(id),
  primary key (source, reporter, year, flow, product)
);

-- Financing sources named with a source: the Interbank Consortium's member banks first.
create table economy_financing_source (
  id text primary key,
  name_en text not null,
  name_ru text,
  name_zh text,
  kind text not null check (kind in ('interbank_consortium', 'development_bank', 'fund', 'government', 'commercial_bank', 'other')),
  state_iso2 text references state(iso2),
  source text[] not null default '{}',
  confidence text not null,
  note text
);
