import type { Generated } from 'kysely';
import type { Statement } from './entity-model.ts';

type Timestamp = Date | string;
/** jsonb columns are written as JSON text and read back parsed. */
type Json<T> = T | string;

export interface ListEntryTable {
  id: string;
  state: string;
  schema: string;
  caption: string;
  statements: Json<Statement[]>;
  legal_basis: string | null;
  listed_on: string | null;
  reason: string | null;
  source_id: string | null;
  status: 'listed' | 'delisted';
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SingleListEntityTable {
  id: string;
  schema: string;
  caption: string;
  statements: Json<Statement[]>;
  status: 'listed' | 'delisted';
  listed_on: string;
  delisted_on: string | null;
  updated_at: Timestamp;
  /** The listing proposal whose adoption created the entity (unique: one proposal, one entity). */
  listed_by_proposal: string | null;
}

export interface ListingProposalTable {
  id: string;
  kind: 'listing' | 'amendment' | 'delisting';
  entity_id: string | null;
  proposed_by_state: string;
  proposed_by: string;
  reason: string;
  procedure_kind: string;
  eligible: string[];
  status: 'open' | 'adopted' | 'blocked' | 'withdrawn';
  opened_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface ProposalEntryTable {
  proposal_id: string;
  entry_id: string;
  judgement: 'same' | 'different' | 'unsure';
  judged_by: string;
  judged_at: Timestamp;
}

export interface ProposalPositionTable {
  id: Generated<number>;
  proposal_id: string;
  state: string;
  position: 'concur' | 'object' | 'hold';
  review_date: string | null;
  text: string | null;
  expressed_by: string;
  expressed_at: Timestamp;
}

export interface ScreeningLogTable {
  id: Generated<string>;
  actor: string;
  at: Timestamp;
  channel: string;
  queries: Json<unknown>;
  results: Json<unknown>;
}
