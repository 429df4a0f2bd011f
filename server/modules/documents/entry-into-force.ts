/**
 * Pure entry-into-force rules. A document's rule is data, written in documents.csv as:
 *   on_signature          in force for each party when it signs, overall at the first signature
 *   consents:N:D          overall on the D-th day after the N-th instrument of consent
 *                         (ratification, acceptance, approval, accession, or the notification of
 *                         completed internal procedures); for a later party, D days after its own
 *                         — "the 30th day after the fourth notification" is consents:4:30
 *   all_consents:D        overall D days after the last signatory's consent ("on the date of the
 *                         last notification" is all_consents:0); a later party D days after its own
 *   recorded              only the recorded date is known (in_force column)
 *   unknown               no rule recorded
 * A recorded in_force date always takes precedence over a computed one.
 */

export const CONSENT_ACTIONS = ['ratification', 'acceptance', 'approval', 'accession', 'notification'] as const;
/**
 * `notification`: of the completion of internal procedures; `provisional_application`: a party
 * applies the treaty before it is bound; `entry_into_force`: a date the depositary recorded for
 * one party (it beats the computed one for that party, as a recorded overall date does).
 */
export const LEDGER_ACTIONS = ['signature', ...CONSENT_ACTIONS, 'reservation', 'declaration', 'withdrawal', 'provisional_application', 'entry_into_force'] as const;
export type LedgerAction = (typeof LEDGER_ACTIONS)[number];

export type Rule =
  | { kind: 'on_signature' }
  | { kind: 'consents'; count: number; days: number }
  | { kind: 'all_consents'; days: number }
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
  /** The computation, step by step, in English (shown beside the status). */
  computation: string[];
}

export interface PartyStatus {
  state: string;
  signed: string | null;
  consented: string | null;
  withdrawn: string | null;
  status: Status;
  inForceFrom: string | null;
  provisionallyApplied: string | null;
  /** How this party's date was reached. */
  basis: 'recorded' | 'computed' | 'none';
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
  const all = /^all_consents:(\d+)$/.exec(spec);
  if (all) return { kind: 'all_consents', days: Number(all[1]) };
  return { error: `unknown entry-into-force rule "${spec}" (expected on_signature, consents:N:D, all_consents:D, recorded or unknown)` };
}

const isConsent = (a: Action) => (CONSENT_ACTIONS as readonly string[]).includes(a.action);

/** Overall status on `today` from the rule, the ledger and any recorded date. */
export function overallStatus(rule: Rule, actions: readonly Action[], recorded: string | null, today: string): Overall {
  const { date, computation } = computedDate(rule, actions);
  if (recorded) {
    // The recorded date takes precedence; the rule is still shown, for a party's own date.
    return { status: recorded <= today ? 'in_force' : 'not_in_force', date: recorded, basis: 'recorded', computation: [`recorded date of entry into force: ${recorded}`, computation[0]!] };
  }
  if (date === undefined) return { status: 'unknown', date: null, basis: 'none', computation };
  if (date === null) return { status: 'not_in_force', date: null, basis: 'computed', computation };
  return { status: date <= today ? 'in_force' : 'not_in_force', date, basis: 'computed', computation };
}

/** date undefined: the rule cannot tell; null: not yet in force; else the date — with the steps. */
function computedDate(rule: Rule, actions: readonly Action[]): { date: string | null | undefined; computation: string[] } {
  switch (rule.kind) {
    case 'on_signature': {
      const first = firstDates(actions, (a) => a.action === 'signature')[0];
      return { date: first ?? null, computation: [first ? `rule: in force on signature; first signature ${first}` : 'rule: in force on signature; no signature recorded'] };
    }
    case 'consents': {
      const consents = firstDates(actions, isConsent);
      const nth = consents[rule.count - 1];
      const head = `rule: the ${rule.days}th day after the ${ordinal(rule.count)} instrument of consent; ${consents.length} recorded (${consents.join(', ') || 'none'})`;
      return { date: nth ? addDays(nth, rule.days) : null, computation: nth ? [head, `${ordinal(rule.count)} instrument ${nth} + ${rule.days} days = ${addDays(nth, rule.days)}`] : [head, `waiting for ${rule.count - consents.length} more`] };
    }
    case 'all_consents': {
      const signatories = [...new Set(actions.filter((a) => a.action === 'signature').map((a) => a.state))];
      const consenting = new Map(actions.filter(isConsent).map((a) => [a.state, a.date] as const));
      const missing = signatories.filter((s) => !consenting.has(s)).sort();
      const head = `rule: ${rule.days} days after the last signatory's instrument; ${signatories.length} signatories, ${signatories.length - missing.length} consented`;
      if (signatories.length === 0 || missing.length > 0) return { date: null, computation: [head, `waiting for ${missing.join(', ') || 'a signature'}`] };
      const last = firstDates(actions.filter((a) => signatories.includes(a.state)), isConsent).at(-1)!;
      return { date: addDays(last, rule.days), computation: [head, `last instrument ${last} + ${rule.days} days = ${addDays(last, rule.days)}`] };
    }
    default:
      return { date: undefined, computation: [rule.kind === 'recorded' ? 'rule: only the recorded date is known' : 'rule: not recorded'] };
  }
}

const ordinal = (n: number) => `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;

/** Each party's own status on `today`, given the overall date; `parties` adds states yet to act. */
export function partyStatuses(rule: Rule, actions: readonly Action[], overall: Overall, today: string, parties: readonly string[] = []): PartyStatus[] {
  const states = [...new Set([...parties, ...actions.map((a) => a.state)])].sort();
  return states.map((state) => {
    const own = actions.filter((a) => a.state === state);
    const first = (pred: (a: Action) => boolean) => own.filter(pred).map((a) => a.date).sort()[0] ?? null;
    const signed = first((a) => a.action === 'signature');
    const consented = first(isConsent);
    const withdrawn = first((a) => a.action === 'withdrawal');
    const provisionallyApplied = first((a) => a.action === 'provisional_application');
    const recorded = first((a) => a.action === 'entry_into_force');
    let inForceFrom: string | null = null;
    if (recorded) inForceFrom = recorded;
    else if (rule.kind === 'on_signature') inForceFrom = signed;
    else if (rule.kind === 'consents' || rule.kind === 'all_consents') inForceFrom = consented && laterOf(addDays(consented, rule.days), overall.date);
    else if (consented && overall.date) inForceFrom = laterOf(consented, overall.date);
    // Only a date computed from the ledger proves the ledger complete: then a party without the
    // qualifying act is known not to be bound; beside a recorded date its act may just be unrecorded.
    const computable = overall.basis === 'computed';
    let status: Status = 'unknown';
    if (withdrawn && withdrawn <= today) status = 'not_in_force';
    else if (inForceFrom && (recorded || overall.status === 'in_force') && inForceFrom <= today) status = 'in_force';
    else if (inForceFrom || computable) status = 'not_in_force';
    const basis = recorded ? 'recorded' : inForceFrom ? 'computed' : 'none';
    return { state, signed, consented, withdrawn, status, inForceFrom, provisionallyApplied, basis };
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
