-- Implementation rates read each measure's latest counting report per state from a read model
-- instead of ranking every report (docs/decisions/0020). The rows are kept by triggers on
-- measure_report, in the writing statement's transaction, so every writer (the service, the
-- spreadsheet imports, the demo data, SQL typed by hand) keeps it fresh; a report is never
-- overwritten, only added or returned, but updates and deletes are handled all the same.

-- The latest report of each (measure, state) that was not returned, whatever its date: the highest
-- (report_date, version). A pair with no such report has no row.
create table measure_latest_report (
  measure_id text not null references measure(id),
  state_iso2 char(2) not null,
  report_id text not null,
  version int not null,
  value numeric,
  claim text not null,
  report_date date not null,
  primary key (measure_id, state_iso2)
);

-- Recomputes the rows of the given (measure, state) pairs from measure_report. The measures are
-- locked first (in id order, so two writers cannot deadlock here), and each statement after the
-- lock reads a fresh snapshot (READ COMMITTED, volatile function): a writer that waited sees what
-- the one before it committed, so two transactions reporting on one measure at once cannot leave
-- the older report as the latest. `no key update` conflicts with the services' `for update` on
-- the measure (decision 0007) but not with the foreign-key checks of reports being inserted.
create function measure_latest_report_refresh(measure_ids text[], states text[]) returns void
language plpgsql volatile as $$
begin
  perform 1 from measure where id = any (measure_ids) order by id for no key update;
  delete from measure_latest_report l
    using unnest(measure_ids, states) as t(measure_id, state_iso2)
    where l.measure_id = t.measure_id and l.state_iso2 = t.state_iso2::char(2);
  insert into measure_latest_report (measure_id, state_iso2, report_id, version, value, claim, report_date)
    select distinct on (r.measure_id, r.state_iso2) r.measure_id, r.state_iso2, r.id, r.version, r.value, r.claim, r.report_date
    from measure_report r
    join unnest(measure_ids, states) as t(measure_id, state_iso2) on r.measure_id = t.measure_id and r.state_iso2 = t.state_iso2::char(2)
    where r.review <> 'returned'
    order by r.measure_id, r.state_iso2, r.report_date desc, r.version desc;
end
$$;

-- One trigger per event: PostgreSQL allows transition tables only on single-event triggers.
create function measure_latest_report_inserted() returns trigger language plpgsql as $$
begin
  perform measure_latest_report_refresh(array_agg(measure_id), array_agg(state_iso2::text))
    from (select distinct measure_id, state_iso2 from new_reports) pairs;
  return null;
end
$$;
create function measure_latest_report_updated() returns trigger language plpgsql as $$
begin
  perform measure_latest_report_refresh(array_agg(measure_id), array_agg(state_iso2::text))
    from (select measure_id, state_iso2 from new_reports union select measure_id, state_iso2 from old_reports) pairs;
  return null;
end
$$;
create function measure_latest_report_deleted() returns trigger language plpgsql as $$
begin
  perform measure_latest_report_refresh(array_agg(measure_id), array_agg(state_iso2::text))
    from (select distinct measure_id, state_iso2 from old_reports) pairs;
  return null;
end
$$;
create function measure_latest_report_truncated() returns trigger language plpgsql as $$
begin
  delete from measure_latest_report;
  return null;
end
$$;

create trigger measure_report_latest_insert after insert on measure_report
  referencing new table as new_reports for each statement execute function measure_latest_report_inserted();
create trigger measure_report_latest_update after update on measure_report
  referencing old table as old_reports new table as new_reports for each statement execute function measure_latest_report_updated();
create trigger measure_report_latest_delete after delete on measure_report
  referencing old table as old_reports for each statement execute function measure_latest_report_deleted();
create trigger measure_report_latest_truncate after truncate on measure_report
  for each statement execute function measure_latest_report_truncated();

-- Backfill from the reports already filed.
insert into measure_latest_report (measure_id, state_iso2, report_id, version, value, claim, report_date)
  select distinct on (measure_id, state_iso2) measure_id, state_iso2, id, version, value, claim, report_date
  from measure_report where review <> 'returned'
  order by measure_id, state_iso2, report_date desc, version desc;
