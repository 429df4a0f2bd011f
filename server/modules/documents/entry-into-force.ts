/**
 * Pure entry-into-force rules. A document's rule is data, written in documents.csv as:
 *   on_signature          in force for each party when it signs, overall at the first signature
 *   consents:N:D          overall on the D-th day after the N-th instrument of consent
 *                         (ratification, acceptance, approval, accession); for a later party,
 *                         D days after its own instrument
 *   recorded              only the recorded date is known (in_force column)
 *   unknown               no rule recorded
 * A recorded in_force date always takes precedence over a computed one.
 */

export const CONSENT_ACTIONS = ['ratification', 'acceptance', 'approval', 'accession'] as const;
export const LEDGER_ACTIONS = ['signature', ...CONSENT_ACTIONS, 'reservation', 'declaration', 'withdrawal'] as const;
export type LedgerAction = (typeof LEDGER_ACTIONS)[number];

export type Rule =
  | { kind: 'on_signature' }
  | { kind: 'consents'; count: number; days: number }
  | { kind: 'recorded' }
  | { kind: 'unknown' };

export interface Action {
  state: string;
  action: LedgerAction;
  date: string;
}

export type Status = 'in_force' | 'not_in_force' | 'unknown';

export interface Overall {
  status: Status;
  date: string | null;
  basis: 'recorded' | 'computed' | 'none';
}

export interface PartyStatus {
  state: string;
  signed: string | null;
  consented: string | null;
  withdrawn: string | null;
  status: Status;
  inForceFrom: string | null;
}

/** Parses a rule spec; returns an error message for a malformed one. */
export function parseRule(spec: string): Rule | { error: string } {
  if (spec === 'on_signature' || spec === 'recorded' || spec === 'unknown') return { kind: spec };
  const m = /^consents:(\d+):(\d+)$/.exec(spec);
  if (m) {
    const count = Number(m[1]);
    if (count < 1) return { error: 'consents:N:D needs N >= 1' };
    return { kind: 'consents', count, days: Number(m[2]) };
  }
  return { error: `unknown entry-into-force rule "${spec}" (expected on_signature, consents:N:D, recorded or unknown)` };
}

const isConsent = (a: Action) => (CONSENT_ACTIONS as readonly string[]).includes(a.action);

/** Overall status on `today` from the rule, the ledger and any recorded date. */
export function overallStatus(rule: Rule, actions: readonly Action[], recorded: string | null, today: string): Overall {
  if (recorded) return { status: recorded <= today ? 'in_force' : 'not_in_force', date: recorded, basis: 'recorded' };
  const date = computedDate(rule, actions);
  if (date === undefined) return { status: 'unknown', date: null, basis: 'none' };
  if (date === null) return { status: 'not_in_force', date: null, basis: 'computed' };
  return { status: date <= today ? 'in_force' : 'not_in_force', date, basis: 'computed' };
}

/** undefined: the rule cannot tell; null: not yet in force; else the date. */
function computedDate(rule: Rule, actions: readonly Action[]): string | null | undefined {
  switch (rule.kind) {
    case 'on_signature': {
      const first = firstDates(actions, (a) => a.action === 'signature')[0];
      return first ?? null;
    }
    case 'consents': {
      const nth = firstDates(actions, isConsent)[rule.count - 1];
      return nth ? addDays(nth, rule.days) : null;
    }
    default:
      return undefined;
  }
}

/** Each party's own status on `today`, given the overall date; `parties` adds states yet to act. */
export function partyStatuses(rule: Rule, actions: readonly Action[], overall: Overall, today: string, parties: readonly string[] = []): PartyStatus[] {
  const states = [...new Set([...parties, ...actions.map((a) => a.state)])].sort();
  return states.map((state) => {
    const own = actions.filter((a) => a.state === state);
    const first = (pred: (a: Action) => boolean) => own.filter(pred).map((a) => a.date).sort()[0] ?? null;
    const signed = first((a) => a.action === 'signature');
    const consented = first(isConsent);
    const withdrawn = first((a) => a.action === 'withdrawal');
    let inForceFrom: string | null = null;
    if (rule.kind === 'on_signature') inForceFrom = signed;
    else if (rule.kind === 'consents') inForceFrom = consented && laterOf(addDays(consented, rule.days), overall.date);
    else if (consented && overall.date) inForceFrom = laterOf(consented, overall.date);
    // Only a date computed from the ledger proves the ledger complete: then a party without the
    // qualifying act is known not to be bound; beside a recorded date its act may just be unrecorded.
    const computable = overall.basis === 'computed';
    let status: Status = 'unknown';
    if (withdrawn && withdrawn <= today) status = 'not_in_force';
    else if (inForceFrom && overall.status === 'in_force' && inForceFrom <= today) status = 'in_force';
    else if (inForceFrom || computable) status = 'not_in_force';
    return { state, signed, consented, withdrawn, status, inForceFrom };
  });
}

function firstDates(actions: readonly Action[], pred: (a: Action) => boolean): string[] {
  const byState = new Map<string, string>();
  for (const a of actions) {
    if (!pred(a)) continue;
    const prev = byState.get(a.state);
    if (!prev || a.date < prev) byState.set(a.state, a.date);
  }
  return [...byState.values()].sort();
}

function laterOf(a: string, b: string | null): string {
  return b && b > a ? b : a;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
