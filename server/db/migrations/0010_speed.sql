-- Every committed audit event tells listening servers that the data changed, so that answers
-- they keep in memory (server/http/public-cache.ts) are not served after the change.
-- pg_notify is transactional: the notice is delivered on commit, never for a rolled-back change.
create or replace function secretariat_notify_change() returns trigger language plpgsql as $$
begin
  perform pg_notify('secretariat_changed', '');
  return null;
end
$$;

create trigger audit_event_notify_change
  after insert on audit_event
  for each statement execute function secretariat_notify_change();

-- The hash of the reference data files last loaded completely into this database: a start that
-- finds the same files skips reading and comparing them again (server/open-database.ts).
create table reference_load (
  id integer primary key default 1 check (id = 1),
  digest text not null,
  loaded_at timestamptz not null
);
