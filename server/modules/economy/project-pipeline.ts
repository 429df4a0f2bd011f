/**
 * The project pipeline and its computed figures (pure).
 *
 * Stages: idea → proposal → appraisal → financing → implementation → completed, and from any open
 * stage → dropped. A project enters `financing` (and every later stage) only once its decision is
 * adopted under the interested-states procedure (Charter Art. 16: members not interested in a
 * project do not prevent interested members from implementing it): from then on it binds exactly
 * the members that joined.
 */

export const PROJECT_STAGES = ['idea', 'proposal', 'appraisal', 'financing', 'implementation', 'completed', 'dropped'] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];

export const PROJECT_SECTORS = ['energy', 'transport', 'telecom', 'health', 'agriculture', 'industry', 'special_zone', 'finance', 'trade', 'other'] as const;

/** Each stage: the stages it may move to, and whether being there needs an adopted decision. */
export const STAGE_RULES: Record<ProjectStage, { next: readonly ProjectStage[]; needsDecision: boolean }> = {
  idea: { next: ['proposal', 'dropped'], needsDecision: false },
  proposal: { next: ['appraisal', 'dropped'], needsDecision: false },
  appraisal: { next: ['financing', 'proposal', 'dropped'], needsDecision: false },
  financing: { next: ['implementation', 'dropped'], needsDecision: true },
  implementation: { next: ['completed', 'dropped'], needsDecision: true },
  completed: { next: [], needsDecision: true },
  dropped: { next: [], needsDecision: false },
};

/** Why `from` → `to` is not allowed, or undefined when it is. */
export function transitionProblem(from: ProjectStage, to: ProjectStage, decisionAdopted: boolean): string | undefined {
  if (!STAGE_RULES[from].next.includes(to)) return `a project at "${from}" moves only to ${STAGE_RULES[from].next.join(', ') || 'no other stage'}`;
  if (STAGE_RULES[to].needsDecision && !decisionAdopted) return `a project enters "${to}" only once its decision is adopted by the interested states`;
  return undefined;
}

export interface Commitment {
  id: string;
  amount: number;
  currency: string;
}
export interface Disbursed {
  commitment: string;
  amount: number;
}

/**
 * Committed and disbursed amounts by currency (amounts in different currencies are never added),
 * and the disbursement ratio disbursed / committed in each.
 */
export function disbursementByCurrency(commitments: readonly Commitment[], disbursements: readonly Disbursed[]) {
  const currencyOf = new Map(commitments.map((c) => [c.id, c.currency]));
  const by = new Map<string, { committed: number; disbursed: number }>();
  const at = (cur: string) => by.get(cur) ?? by.set(cur, { committed: 0, disbursed: 0 }).get(cur)!;
  for (const c of commitments) at(c.currency).committed += c.amount;
  for (const d of disbursements) at(currencyOf.get(d.commitment)!).disbursed += d.amount;
  return [...by.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, t]) => ({ currency, ...t, ratio: t.committed > 0 ? t.disbursed / t.committed : null }));
}

/** Herfindahl–Hirschman index of creditors' shares of the commitments in one currency (0–1; 1 = one creditor). */
export function creditorConcentration(shares: readonly { creditor: string; amount: number }[]): number | null {
  const by = new Map<string, number>();
  for (const s of shares) by.set(s.creditor, (by.get(s.creditor) ?? 0) + s.amount);
  const total = [...by.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  return [...by.values()].reduce((acc, v) => acc + (v / total) ** 2, 0);
}

const days = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

/**
 * Days the project is late against its planned end: finished → actual end − planned end; still
 * open past the planned end → `today` − planned end; otherwise 0. Null without a planned end.
 */
export function delayDays(p: { stage: ProjectStage; planned_end: string | null; actual_end: string | null }, today: string): number | null {
  if (!p.planned_end) return null;
  if (p.actual_end) return days(p.planned_end, p.actual_end);
  if (p.stage === 'completed' || p.stage === 'dropped') return null;
  return Math.max(0, days(p.planned_end, today));
}
