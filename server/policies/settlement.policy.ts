import type { Rule } from './policy.ts';
import { hasRole, type Actor } from './actor.ts';

/** What a settlement rule looks at: the states of the participants a record concerns. */
export interface SettlementSubject {
  /** E.g. the payer's and the payee's states for an obligation; one state for a position. */
  states: string[];
}

const operator = (a: Actor) => hasRole(a, 'settlement_operator');
const officerOf = (a: Actor, state: string) => hasRole(a, 'settlement_officer', { state });
const concerns = (a: Actor, s: unknown) => s !== undefined && (s as SettlementSubject).states.some((state) => officerOf(a, state));

/**
 * National-currency settlement. The operator runs the system and sees everything; a settlement
 * bank's officers see the obligations, positions, limits and instructions of their own state's
 * participants; everyone else — the public included — sees aggregates only (cycle totals,
 * liquidity saved, the share of national currencies, queued amounts) and the reference rates.
 */
export const settlementRules: Record<string, Rule> = {
  'settlement.manage': (a) => operator(a),
  'settlement.rates.record': (a) => operator(a),
  'settlement.cycles.run': (a) => operator(a),
  // Obligations are imported by the operator, or by a bank's officer for its own payments only.
  'settlement.obligations.import': (a, s) => operator(a) || (s !== undefined && (s as SettlementSubject).states.every((state) => officerOf(a, state))),
  // Listing needs a settlement role at all; each row is then filtered with `details.read`.
  'settlement.obligations.list': (a) => operator(a) || (a.kind === 'user' && a.roles.some((r) => r.role === 'settlement_officer')),
  'settlement.details.read': (a, s) => operator(a) || concerns(a, s),
};
