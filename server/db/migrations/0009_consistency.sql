-- Consistency under concurrency and a tamper-evident audit log (docs/decisions/0007).

-- One adopted listing proposal makes one single-list entity: even if two transactions both
-- believed they completed the consensus, the second insert fails (409) instead of listing the
-- subject twice.
alter table single_list_entity add column listed_by_proposal text unique references listing_proposal(id);

-- Each event's hash signed with the key kept outside the database (null before signing began).
alter table audit_event add column signature text;

-- Signed checkpoints of the chain: its event count and head hash. A copy of each is appended to a
-- file beside the key, so that a cut tail or an emptied log is detected against the last one.
create table audit_checkpoint (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  events bigint not null,
  head_hash char(64) not null,
  key_id text not null,
  signature text not null
);

create trigger audit_checkpoint_append_only before update or delete on audit_checkpoint
  for each row execute function audit_event_append_only();

-- TRUNCATE fires no row trigger: block it with a statement trigger on both tables.
create trigger audit_event_no_truncate before truncate on audit_event
  for each statement execute function audit_event_append_only();
create trigger audit_checkpoint_no_truncate before truncate on audit_checkpoint
  for each statement execute function audit_event_append_only();

-- Failed sign-ins counted per (e-mail as typed, client address), known account or not: throttling
-- one pair cannot lock the account's owner out from elsewhere, and the answers never tell whether
-- an account exists. (app_user.failed_logins and locked_until are no longer used.)
create table sign_in_throttle (
  email text not null,
  client text not null,
  failures int not null,
  blocked_until timestamptz,
  last_failure_at timestamptz not null,
  primary key (email, client)
);

-- Webhook deliveries retried with exponential back-off and jitter, then dead-lettered.
alter table webhook_delivery add column next_attempt_at timestamptz;
alter table webhook_delivery add column dead_at timestamptz;
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where delivered_at is null and dead_at is null;
