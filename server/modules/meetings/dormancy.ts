/**
 * Pure rule: is an organ keeping its mandated rhythm? The rhythm is data (organ-rhythms.csv):
 * an interval in months (annual 12, twice a year 6, three times a year 4) and days of grace.
 * A meeting is due `interval` months after the last one (or after `countedFrom` when none is
 * recorded), plus the grace; an organ with no meeting by then is dormant. `as_needed` organs
 * have no due date.
 */
import { addDays } from '../documents/entry-into-force.ts';

export interface Rhythm {
  rhythm: string;
  intervalMonths: number | null;
  graceDays: number;
  countedFrom: string;
}

export interface Dormancy {
  status: 'active' | 'dormant' | 'not_mandated';
  last: string | null;
  /** The date by which the next meeting was due (grace included); null when not mandated. */
  due: string | null;
}

/** `YYYY-MM-DD` plus whole months, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The organ's standing on `today` from its rhythm and the start dates of its meetings. */
export function dormancy(rhythm: Rhythm, meetings: readonly string[], today: string): Dormancy {
  const held = meetings.filter((m) => m <= today).sort();
  const last = held.at(-1) ?? null;
  if (rhythm.intervalMonths === null) return { status: 'not_mandated', last, due: null };
  const due = addDays(addMonths(last ?? rhythm.countedFrom, rhythm.intervalMonths), rhythm.graceDays);
  return { status: today > due ? 'dormant' : 'active', last, due };
}
