-- National-currency settlement: participants (settlement banks of member states), their
-- accounts and limits, swap lines between central banks, reference rates, obligations, and the
-- settlement cycles that net them. Amounts are integer minor units (bigint), never fractions.

-- A settlement bank of a member state (its central bank or a designated bank).
create table settlement_participant (
  id text primary key check (id ~ '^[A-Z0-9]{2,12}$'),
  bic text not null unique check (bic ~ '^[A-Z0-9]{8}([A-Z0-9]{3})?$'),
  state char(2) not null references state(iso2),
  kind text not null check (kind in ('central_bank', 'designated_bank')),
  name_en text not null,
  name_ru text,
  name_zh text,
  -- The largest net debit the participant may run in a cycle, in cap_currency minor units; null: no cap.
  net_debit_cap bigint check (net_debit_cap >= 0),
  cap_currency char(3),
  source text[] not null,
  confidence text not null,
  updated_at timestamptz not null,
  check ((net_debit_cap is null) = (cap_currency is null))
);

-- The participant's settlement account in each currency it settles.
create table settlement_account (
  participant_id text not null references settlement_participant(id),
  currency char(3) not null,
  account text not null,
  primary key (participant_id, currency)
);

-- A bilateral swap line: the net the two central banks may owe each other in a cycle.
create table settlement_swap_line (
  bank_a text not null references settlement_participant(id),
  bank_b text not null references settlement_participant(id),
  capacity bigint not null check (capacity >= 0),
  capacity_currency char(3) not null,
  source text[] not null,
  confidence text not null,
  updated_at timestamptz not null,
  primary key (bank_a, bank_b),
  check (bank_a < bank_b)
);

-- 1 base = rate quote, on a date, from a named source.
create table settlement_rate (
  rate_date date not null,
  base char(3) not null,
  quote char(3) not null,
  rate numeric(30, 12) not null check (rate > 0),
  source text not null,
  recorded_by text not null,
  recorded_at timestamptz not null,
  primary key (rate_date, base, quote),
  check (base <> quote)
);

-- One imported file of obligations (all of its obligations or none).
create table settlement_import (
  id text primary key,
  format text not null check (format in ('csv', 'pacs.008', 'pacs.009')),
  obligations integer not null,
  sha256 char(64) not null,
  imported_by text not null,
  imported_at timestamptz not null
);

-- A payment obligation between two participants. Not partitioned by value date yet: see
-- docs/decisions/0010-settlement.md.
create table settlement_obligation (
  id text primary key,
  payer_id text not null references settlement_participant(id),
  payee_id text not null references settlement_participant(id),
  currency char(3) not null,
  amount bigint not null check (amount > 0),
  value_date date not null,
  reference text,
  import_id text not null references settlement_import(id),
  status text not null default 'pending' check (status in ('pending', 'queued', 'settled')),
  -- Why the last cycle left it queued (the limit), and the cycle that settled it.
  queue_reason jsonb,
  settled_in text,
  check (payer_id <> payee_id)
);
create index settlement_obligation_open on settlement_obligation (value_date) where status <> 'settled';
create index settlement_obligation_payer on settlement_obligation (payer_id, value_date);
create index settlement_obligation_payee on settlement_obligation (payee_id, value_date);

-- A settlement cycle and its result (positions, instructions, totals), immutable once written.
create table settlement_cycle (
  id text primary key,
  cycle_date date not null,
  seq integer not null,
  unit char(3) not null,
  vehicle char(3),
  rates jsonb not null,
  result jsonb not null,
  obligations integer not null,
  settled integer not null,
  queued integer not null,
  digest char(64) not null,
  run_by text not null,
  run_at timestamptz not null,
  unique (cycle_date, seq)
);

-- Each obligation a cycle considered, and what became of it.
create table settlement_cycle_item (
  cycle_id text not null references settlement_cycle(id),
  obligation_id text not null references settlement_obligation(id),
  outcome text not null check (outcome in ('settled', 'queued')),
  reason jsonb,
  primary key (cycle_id, obligation_id)
);

create function settlement_immutable() returns trigger language plpgsql as $$
begin
  raise exception '% is immutable once written', tg_table_name;
end
$$;
create trigger settlement_cycle_immutable before update or delete on settlement_cycle
  for each row execute function settlement_immutable();
create trigger settlement_cycle_item_immutable before update or delete on settlement_cycle_item
  for each row execute function settlement_immutable();

-- A settled obligation stays settled, in its cycle.
create function settlement_obligation_final() returns trigger language plpgsql as $$
begin
  if old.status = 'settled' then
    raise exception 'obligation % is settled and cannot change', old.id;
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end
$$;
create trigger settlement_obligation_final before update or delete on settlement_obligation
  for each row execute function settlement_obligation_final();
