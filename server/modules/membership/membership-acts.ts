/**
 * Membership and relations as acts: applications, launched procedures, memoranda, admissions,
 * status changes, withdrawals. A state's status periods are derived from its acts (never kept
 * apart), and a new act is checked against the organisation's rules, which are data
 * (organisation.json `membershipRules`). Pure: imports no database.
 */
import type { MembershipRule, StatusRule } from '../../organisation/organisation.rules.ts';
import type { Period } from './status-on-date.ts';

/** The kinds of act; the ones in GRANTING give the state the act's status from its date. */
export const ACT_KINDS = ['founding', 'application', 'procedure_launched', 'memorandum_of_obligations', 'dialogue_memorandum', 'admission', 'status_change', 'withdrawal'] as const;
export type ActKind = (typeof ACT_KINDS)[number];
export const GRANTING: readonly ActKind[] = ['founding', 'admission', 'status_change'];
/** Acts ending a status without giving another. */
export const ENDING: readonly ActKind[] = ['withdrawal'];

export interface MembershipAct {
  act: string;
  /** The status applied for, granted or concerned (null for a withdrawal). */
  status: string | null;
  date: string;
}

export interface DerivedPeriod<A extends MembershipAct> extends Period {
  /** The act that opened the period. */
  openedBy: A;
}

/** Same-day acts apply in the order of a procedure: an application before its admission. */
const rank = (a: MembershipAct) => {
  const i = ACT_KINDS.indexOf(a.act as ActKind);
  return i < 0 ? ACT_KINDS.length : i;
};
export const byDate = <A extends MembershipAct>(acts: readonly A[]): A[] => [...acts].sort((a, b) => a.date.localeCompare(b.date) || rank(a) - rank(b));

/**
 * One state's status periods from its acts: a granting act closes the open period on its date
 * and opens one with its status; a withdrawal closes it. Periods are half-open [from, to).
 */
export function derivePeriods<A extends MembershipAct>(acts: readonly A[]): DerivedPeriod<A>[] {
  const periods: DerivedPeriod<A>[] = [];
  for (const a of byDate(acts)) {
    const granting = GRANTING.includes(a.act as ActKind);
    if (!granting && !ENDING.includes(a.act as ActKind)) continue;
    const open = periods.at(-1);
    if (open && open.validTo === null) {
      if (open.validFrom === a.date) periods.pop();
      else open.validTo = a.date;
    }
    if (granting && a.status) periods.push({ status: a.status, validFrom: a.date, validTo: null, openedBy: a });
  }
  return periods;
}

export interface RuleBreach {
  /** The rule's id in organisation.json (or `status_window`, `already_holds`, `holds_nothing`). */
  rule: string;
  message: string;
}

const statusOn = (periods: Period[], date: string) => periods.find((p) => p.validFrom <= date && (p.validTo === null || date < p.validTo))?.status ?? null;

/**
 * Whether `act` may follow the state's `prior` acts under the organisation's rules; the first
 * rule broken, or null. Built-in checks: a granted status exists on the act's date (statuses'
 * since/until), is not the one already held, and a withdrawal ends a status the state holds.
 */
export function breach(rules: readonly MembershipRule[], statuses: readonly StatusRule[], prior: readonly MembershipAct[], act: MembershipAct): RuleBreach | null {
  const before = prior.filter((p) => p.date <= act.date);
  const held = statusOn(derivePeriods(before), act.date);
  if (GRANTING.includes(act.act as ActKind)) {
    const s = statuses.find((x) => x.id === act.status);
    if (!s) return { rule: 'status_window', message: `status "${act.status}" is not one of the organisation's statuses` };
    if ((s.since && act.date < s.since) || (s.until && act.date >= s.until)) {
      return { rule: 'status_window', message: `the status "${s.id}" exists ${s.since ? `from ${s.since}` : ''}${s.since && s.until ? ' ' : ''}${s.until ? `until ${s.until}` : ''} (organisation.json statuses)`.replace('  ', ' ') };
    }
    if (held === act.status) return { rule: 'already_holds', message: `the state already holds the status "${held}" on ${act.date}` };
  }
  if (ENDING.includes(act.act as ActKind) && held === null) return { rule: 'holds_nothing', message: `the state holds no status on ${act.date} to withdraw from` };
  for (const r of rules) {
    if (r.act !== act.act) continue;
    if (r.status && r.status !== act.status) continue;
    if (r.since && act.date < r.since) continue;
    for (const need of r.requires) {
      if (need.holds && !(held !== null && need.holds.includes(held))) return { rule: r.id, message: `${r.text.en} (the state holds ${held ? `"${held}"` : 'no status'} on ${act.date})` };
      if (need.act && !before.some((p) => p.act === need.act && (!need.status || p.status === need.status) && (p.date < act.date || (p.date === act.date && rank(p) < rank(act))))) {
        return { rule: r.id, message: `${r.text.en} (no ${need.act.replaceAll('_', ' ')}${need.status ? ` for "${need.status}"` : ''} before ${act.date})` };
      }
    }
  }
  return null;
}
