import type { Sourced } from '../../db/schema.ts';

type Timestamp = Date | string;
type Numeric = number | string;

export interface ActionPlanTable extends Sourced {
  id: string;
  document_id: string | null;
  implements: string | null;
  title_en: string;
  title_ru: string | null;
  title_zh: string | null;
  pillar: string;
  period_start: string | null;
  period_end: string | null;
  public: boolean;
  note: string | null;
  origin?: 'reference' | 'import' | 'demo' | 'decision' | 'exercise';
}

export interface MeasureTable {
  id: string;
  plan_id: string;
  parent_id: string | null;
  code: string;
  title: string;
  responsible_states: string[];
  responsible_organs: string[];
  start_date: string | null;
  deadline: string | null;
  indicator_unit: string | null;
  baseline: Numeric | null;
  target: Numeric | null;
  weight: Numeric;
  dropped: boolean;
  /** The paragraph (Akoma Ntoso eId) of the document this measure implements, for commitments. */
  paragraph?: string | null;
}

export interface MeasureReportTable {
  id: string;
  measure_id: string;
  state_iso2: string;
  version: number;
  value: Numeric | null;
  claim: string;
  narrative: string | null;
  evidence: string[];
  report_date: string;
  submitted_by: string;
  submitted_at: Timestamp;
  review: 'submitted' | 'returned';
  review_note: string | null;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
}

/**
 * Read model (migration 0025, kept by triggers on measure_report): per measure and state, the
 * latest report that was not returned, whatever its date — the highest (report_date, version).
 */
export interface MeasureLatestReportTable {
  measure_id: string;
  state_iso2: string;
  report_id: string;
  version: number;
  value: Numeric | null;
  claim: string;
  report_date: string;
}

export interface MeasureAlertTable {
  measure_id: string;
  kind: 'approaching' | 'overdue';
  sent_at: Timestamp;
}
