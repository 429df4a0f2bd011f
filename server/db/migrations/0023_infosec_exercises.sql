-- Information-security exercises held in rotation among member states, and their after-action findings.
create table infosec_exercise (
  id text primary key check (id ~ '^[a-z0-9-]{1,64}$'),
  year integer not null unique check (year between 2000 and 2100),
  host text not null,
  title text not null,
  scenario text not null,
  participants text[] not null,
  starts_on date,
  ends_on date,
  created_by text not null,
  created_at timestamptz not null
);

-- A finding of the after-action review; it becomes a measure of implementation monitoring.
create table infosec_exercise_finding (
  id text primary key,
  exercise_id text not null references infosec_exercise (id) on delete cascade,
  finding text not null,
  measure_id text not null references measure (id),
  recorded_by text not null,
  recorded_at timestamptz not null
);
create index infosec_exercise_finding_exercise on infosec_exercise_finding (exercise_id);

alter table action_plan drop constraint action_plan_origin_check;
alter table action_plan add constraint action_plan_origin_check check (origin in ('reference', 'import', 'demo', 'decision', 'exercise'));
