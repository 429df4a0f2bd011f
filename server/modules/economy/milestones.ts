/** Project milestones (pure): the delay of each against its planned date, and the project's slip. */

const DAY = 86_400_000;
const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

export interface Milestone {
  planned_on: string;
  actual_on: string | null;
}

/**
 * Days late (negative: early) of a reached milestone; for one not reached, the days it is overdue
 * on `today` (0 while its date has not come). `state` says which.
 */
export function milestoneDelay(m: Milestone, today: string): { delay_days: number; state: 'reached' | 'overdue' | 'pending' } {
  if (m.actual_on) return { delay_days: days(m.planned_on, m.actual_on), state: 'reached' };
  const late = days(m.planned_on, today);
  return late > 0 ? { delay_days: late, state: 'overdue' } : { delay_days: 0, state: 'pending' };
}

/** The largest delay among the milestones (the project's slip), or null without milestones. */
export function projectSlip(milestones: Milestone[], today: string): number | null {
  if (milestones.length === 0) return null;
  return Math.max(...milestones.map((m) => milestoneDelay(m, today).delay_days));
}
