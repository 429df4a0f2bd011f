-- The audit chain off the write path (docs/decisions/0013-audit-chain-off-the-write-path.md).
--
-- A change writes its audit event UNCHAINED into audit_pending, in its own transaction, taking no
-- lock shared with other writes. One chainer at a time (server/audit/audit-chainer.ts) links every
-- committed pending event into audit_event's hash chain (ordered by txid, n within one pass) and
-- removes it from audit_pending in the same transaction. No high-water mark is kept (a bigserial
-- or a txid is not commit order on PostgreSQL): an event committed late stays pending until a
-- later pass takes it.
create table audit_pending (
  -- Made by the writer; it is kept in audit_event.event_id once chained.
  id uuid primary key,
  -- Order inside one transaction.
  n bigint generated always as identity,
  -- The writing transaction (the top-level one, also inside a savepoint).
  txid xid8 not null default pg_current_xact_id(),
  at timestamptz not null,
  actor text not null,
  acting_for char(2),
  action text not null,
  subject_type text not null,
  subject_id text not null,
  before jsonb,
  after jsonb,
  -- HMAC-SHA256 of the event by the writing process, with a key derived from the signing key
  -- (outside the database): the chainer signs only events a process holding the key wrote.
  mac text
);

create index audit_pending_order on audit_pending (txid, n);

-- The pending event an audit_event was chained from (null for events chained before 0019).
alter table audit_event add column event_id uuid unique;

-- Pending events are never edited, and only the chainer removes them: a row may be deleted only
-- once the chain holds it (in the same transaction), and TRUNCATE is refused.
create function audit_pending_guard() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' and exists (select 1 from audit_event where event_id = old.id) then
    return old;
  end if;
  raise exception 'audit_pending rows are removed only once chained (audit_event is append-only)';
end
$$;

create trigger audit_pending_guard before update or delete on audit_pending
  for each row execute function audit_pending_guard();
create trigger audit_pending_no_truncate before truncate on audit_pending
  for each statement execute function audit_event_append_only();
