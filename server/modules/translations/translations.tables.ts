/** A Russian or Chinese text of one field of a reference record (data/sco/translations.csv). */
export interface TranslationTable {
  /** The record's kind: document, organ, official, city, status_period, state, action_plan, organisation. */
  kind: string;
  record_id: string;
  field: string;
  lang: 'ru' | 'zh';
  text: string;
  source: string[];
  /** `official` (a published text, with its source) or `own_translation` (ours). */
  confidence: string;
}
