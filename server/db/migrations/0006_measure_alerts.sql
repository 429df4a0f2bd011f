-- Deadline alerts already sent for a measure, so that each is sent once.
create table measure_alert (
  measure_id text not null references measure(id),
  kind text not null check (kind in ('approaching', 'overdue')),
  sent_at timestamptz not null,
  primary key (measure_id, kind)
);
