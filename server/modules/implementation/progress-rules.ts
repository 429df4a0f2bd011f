/**
 * Implementation status and rates, computed from the reports, never typed in. Pure code.
 *
 * - A state's progress on a measure comes from its latest report that was not returned: the
 *   indicator's value between baseline (0) and target (1), or the report's claim of `done`.
 * - A measure's progress is the mean over its responsible states; a state that has not reported
 *   counts 0. A parent's progress is the weighted mean of its children's (dropped ones excluded).
 * - Status: dropped; done (progress 1); overdue (deadline passed, not done — so a measure with no
 *   report by its deadline is overdue by rule); not started (no report); at risk (a report says
 *   so, or progress lags the time elapsed by more than AT_RISK_LAG); on track.
 */

export const MEASURE_STATUSES = ['not_started', 'on_track', 'at_risk', 'overdue', 'done', 'dropped'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];
export const REPORT_CLAIMS = ['in_progress', 'at_risk', 'done'] as const;
export type ReportClaim = (typeof REPORT_CLAIMS)[number];

export const AT_RISK_LAG = 0.25;

export interface Indicator {
  baseline: number;
  target: number;
}

export interface MeasureInput {
  id: string;
  parent: string | null;
  weight: number;
  start: string | null;
  deadline: string | null;
  dropped: boolean;
  responsible: string[];
  indicator: Indicator | null;
}

export interface ReportInput {
  measure: string;
  state: string;
  value: number | null;
  claim: ReportClaim;
  /** YYYY-MM-DD */
  date: string;
  returned: boolean;
}

export interface Computed {
  progress: number;
  status: MeasureStatus;
}

const clamp = (x: number) => Math.min(1, Math.max(0, x));

/** An indicator as a measure states it: its unit and its (possibly absent) baseline and target. */
export interface IndicatorSpec {
  unit: string | null;
  baseline: number | null;
  target: number | null;
}

/**
 * Why a reported value cannot be a value of the measure's indicator, or undefined if it can.
 * A count or a share (baseline and target not below 0) has no negative values; a percentage
 * (unit `%`) that is a share lies in 0..100 (a baseline or target above 100 makes it a growth
 * rate, unbounded). A measure without an indicator takes no value: its progress is claimed.
 */
export function indicatorValueProblem(indicator: IndicatorSpec, value: number): string | undefined {
  if (!Number.isFinite(value)) return 'must be a finite number';
  if (indicator.unit === null && indicator.baseline === null && indicator.target === null) return 'the measure has no indicator: report its progress with claim, without a value';
  const bounds = [indicator.baseline, indicator.target].filter((b): b is number => b !== null);
  if (bounds.every((b) => b >= 0) && value < 0) return `cannot be negative: the indicator (${indicator.unit ?? 'no unit'}, ${indicator.baseline ?? '?'} → ${indicator.target ?? '?'}) counts from 0`;
  if (indicator.unit === '%' && bounds.every((b) => b >= 0 && b <= 100) && value > 100) return 'a percentage of this indicator lies between 0 and 100';
  return undefined;
}

/** Progress 0..1 a single report shows. */
export function reportProgress(report: ReportInput, indicator: Indicator | null): number {
  if (report.claim === 'done') return 1;
  if (indicator && report.value !== null && indicator.target !== indicator.baseline) {
    return clamp((report.value - indicator.baseline) / (indicator.target - indicator.baseline));
  }
  return 0;
}

/** Each responsible state's latest counting report on `today`. */
function latestByState(measure: MeasureInput, reports: readonly ReportInput[], today: string): Map<string, ReportInput> {
  const latest = new Map<string, ReportInput>();
  for (const r of [...reports].sort((a, b) => a.date.localeCompare(b.date))) {
    if (r.measure === measure.id && !r.returned && r.date <= today && measure.responsible.includes(r.state)) latest.set(r.state, r);
  }
  return latest;
}

const days = (a: string, b: string) => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;

/** Mean progress over the responsible states, from each one's latest report (none counts 0). */
function meanProgress(measure: MeasureInput, latest: Map<string, ReportInput>): number {
  const shares = measure.responsible.map((s) => (latest.has(s) ? reportProgress(latest.get(s)!, measure.indicator) : 0));
  return shares.length === 0 ? 0 : shares.reduce((a, b) => a + b, 0) / shares.length;
}

/** Status and progress of one leaf measure on `today`. */
export function leafStatus(measure: MeasureInput, reports: readonly ReportInput[], today: string): Computed {
  const latest = latestByState(measure, reports, today);
  const progress = meanProgress(measure, latest);
  if (measure.dropped) return { progress, status: 'dropped' };
  if (progress >= 1) return { progress: 1, status: 'done' };
  if (measure.deadline && today > measure.deadline) return { progress, status: 'overdue' };
  if (latest.size === 0) return { progress, status: 'not_started' };
  const claimsRisk = [...latest.values()].some((r) => r.claim === 'at_risk');
  let lagging = false;
  if (measure.start && measure.deadline && measure.deadline > measure.start) {
    const elapsed = clamp(days(measure.start, today) / days(measure.start, measure.deadline));
    lagging = progress < elapsed - AT_RISK_LAG;
  }
  return { progress, status: claimsRisk || lagging ? 'at_risk' : 'on_track' };
}

/** Reports by measure, so that each measure reads only its own (plans have millions of reports). */
function byMeasure(reports: readonly ReportInput[]): Map<string, ReportInput[]> {
  const grouped = new Map<string, ReportInput[]>();
  for (const r of reports) {
    const list = grouped.get(r.measure);
    if (list) list.push(r);
    else grouped.set(r.measure, [r]);
  }
  return grouped;
}

/** Status of a parent from its (non-dropped) children's statuses. */
function parentStatus(children: Computed[]): MeasureStatus {
  const live = children.filter((c) => c.status !== 'dropped');
  if (live.length === 0) return 'dropped';
  if (live.every((c) => c.status === 'done')) return 'done';
  if (live.some((c) => c.status === 'overdue')) return 'overdue';
  if (live.some((c) => c.status === 'at_risk')) return 'at_risk';
  if (live.every((c) => c.status === 'not_started')) return 'not_started';
  return 'on_track';
}

/** Every measure of a plan (a tree through `parent`), computed bottom-up. */
export function computePlan(measures: readonly MeasureInput[], reports: readonly ReportInput[], today: string): Map<string, Computed> {
  const children = new Map<string | null, MeasureInput[]>();
  for (const m of measures) children.set(m.parent, [...(children.get(m.parent) ?? []), m]);
  const reportsOf = byMeasure(reports);
  const result = new Map<string, Computed>();
  const visit = (m: MeasureInput): Computed => {
    const kids = children.get(m.id) ?? [];
    let computed: Computed;
    if (kids.length === 0) {
      computed = leafStatus(m, reportsOf.get(m.id) ?? [], today);
    } else {
      const parts = kids.map((k) => ({ k, c: visit(k) }));
      const live = parts.filter((p) => p.c.status !== 'dropped');
      const weight = live.reduce((a, p) => a + p.k.weight, 0);
      const progress = weight > 0 ? live.reduce((a, p) => a + p.k.weight * p.c.progress, 0) / weight : 0;
      computed = m.dropped ? { progress, status: 'dropped' } : { progress, status: parentStatus(parts.map((p) => p.c)) };
    }
    result.set(m.id, computed);
    return computed;
  };
  for (const root of children.get(null) ?? []) visit(root);
  return result;
}

/**
 * Implementation rate of a set of leaf measures: their weighted mean progress, dropped ones
 * excluded; with `state`, that state's own progress on the measures it is responsible for.
 * `reports` may come grouped by measure id already (as the rates read them), or as one list.
 */
export function implementationRate(measures: readonly MeasureInput[], reports: readonly ReportInput[] | ReadonlyMap<string, readonly ReportInput[]>, today: string, state?: string): number | null {
  const scoped = measures.filter((m) => !m.dropped && (!state || m.responsible.includes(state)));
  const weight = scoped.reduce((a, m) => a + m.weight, 0);
  if (weight === 0) return null;
  const reportsOf = reports instanceof Map ? reports : byMeasure(reports as readonly ReportInput[]);
  // The progress leafStatus gives, without working out the status the rate does not use.
  const progressOf = (m: MeasureInput) => {
    const scopedMeasure = state ? { ...m, responsible: [state] } : m;
    return meanProgress(scopedMeasure, latestByState(scopedMeasure, reportsOf.get(m.id) ?? [], today));
  };
  return scoped.reduce((a, m) => a + m.weight * progressOf(m), 0) / weight;
}
