-- Consistency under concurrency and a tamper-evident audit log (docs/decisions/0007).

-- One adopted listing proposal makes one single-list entity: even if two transactions both
-- believed they completed the consensus, the second insert fails (409) instead of listing the
-- subject twice.
alter table single_list_entity add column listed_by_proposal text unique references listing_proposal(id);
