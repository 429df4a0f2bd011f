import type { Rule } from './policy.ts';
import { hasRole } from './actor.ts';

/**
 * Membership acts (applications, admissions, status changes) are public records; the Secretariat,
 * which coordinates relations with partners (Charter Art. 11), records them.
 */
export const membershipRules: Record<string, Rule> = {
  'membership.record': (a) => hasRole(a, 'secretariat_officer'),
  // Memoranda with international organisations: the Secretariat keeps their ledger.
  'relations.record': (a) => hasRole(a, 'secretariat_officer'),
};
