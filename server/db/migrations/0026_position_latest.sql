-- A state's latest position on a procedure, found without reading the procedure's whole history:
-- submitting a position evaluates the procedure from each eligible state's latest position
-- (docs/decisions/0018), one index probe per state, however many positions were expressed.
create index position_latest on position (procedure_id, state_iso2, expressed_at desc, id desc);
