-- The audit log: one event per change to an institutional record, written in the same
-- transaction as the change, hash-chained so that an altered or removed event is detected.

create table audit_event (
  seq bigint primary key,
  at timestamptz not null,
  actor text not null,
  acting_for char(2),
  action text not null,
  subject_type text not null,
  subject_id text not null,
  before jsonb,
  after jsonb,
  prev_hash char(64) not null,
  hash char(64) not null unique
);

create function audit_event_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_event is append-only';
end
$$;

create trigger audit_event_append_only before update or delete on audit_event
  for each row execute function audit_event_append_only();
