/**
 * A project as an IATI activity (IATI Activity Standard 2.03, "IATI-style"): identifier, reporting
 * organisation, titles in the languages given, status, dates, recipient countries, the financiers as
 * funding organisations, and commitments and disbursements as transactions (pure).
 * The reporting organisation's identifier is not registered with IATI: it is a local reference.
 */
import { XMLBuilder } from 'fast-xml-parser';

export interface IatiProject {
  id: string;
  title: { en: string; ru: string | null; zh: string | null };
  stage: string;
  sector: string;
  host_states: string[];
  planned_start: string | null;
  planned_end: string | null;
  actual_start: string | null;
  actual_end: string | null;
  note: string | null;
  financing: { source_name: string; amount: number; currency: string; committed_on: string | null; disbursements: { date: string; amount: number }[] }[];
}

export const REPORTING_ORG = 'SCO-SECRETARIAT';

/** IATI ActivityStatus codes: 1 pipeline/identification, 2 implementation, 4 closed, 5 cancelled. */
const STATUS: Record<string, number> = { idea: 1, proposal: 1, appraisal: 1, financing: 1, implementation: 2, completed: 4, dropped: 5 };

const narratives = (t: IatiProject['title']) => [
  { '#text': t.en },
  ...(t.ru ? [{ '@_xml:lang': 'ru', '#text': t.ru }] : []),
  ...(t.zh ? [{ '@_xml:lang': 'zh', '#text': t.zh }] : []),
];

/** The IATI XML document of `projects`, generated at `now` (ISO timestamp). */
export function iatiActivities(projects: readonly IatiProject[], now: string): string {
  const activity = (p: IatiProject) => {
    const dates = ([[p.planned_start, 1], [p.actual_start, 2], [p.planned_end, 3], [p.actual_end, 4]] as const).filter(([d]) => d).map(([d, type]) => ({ '@_iso-date': d, '@_type': type }));
    const share = p.host_states.length ? Math.round((100 / p.host_states.length) * 100) / 100 : null;
    return {
      '@_last-updated-datetime': now,
      '@_xml:lang': 'en',
      'iati-identifier': `${REPORTING_ORG}-${p.id}`,
      'reporting-org': { '@_ref': REPORTING_ORG, '@_type': 40, narrative: { '#text': 'Secretariat of the Shanghai Cooperation Organisation' } },
      title: { narrative: narratives(p.title) },
      description: { narrative: { '#text': p.note ?? p.title.en } },
      'participating-org': [...new Set(p.financing.map((f) => f.source_name))].map((name) => ({ '@_role': 1, narrative: { '#text': name } })),
      'activity-status': { '@_code': STATUS[p.stage] ?? 1 },
      'activity-date': dates,
      'recipient-country': p.host_states.map((c) => ({ '@_code': c, ...(share !== null ? { '@_percentage': share } : {}) })),
      sector: { '@_vocabulary': 99, '@_code': p.sector, narrative: { '#text': p.sector } },
      transaction: p.financing.flatMap((f) => [
        ...(f.committed_on ? [{ 'transaction-type': { '@_code': 2 }, 'transaction-date': { '@_iso-date': f.committed_on }, value: { '@_currency': f.currency, '@_value-date': f.committed_on, '#text': f.amount }, 'provider-org': { narrative: { '#text': f.source_name } } }] : []),
        ...f.disbursements.map((d) => ({ 'transaction-type': { '@_code': 3 }, 'transaction-date': { '@_iso-date': d.date }, value: { '@_currency': f.currency, '@_value-date': d.date, '#text': d.amount }, 'provider-org': { narrative: { '#text': f.source_name } } })),
      ]),
    };
  };
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ 'iati-activities': { '@_version': '2.03', '@_generated-datetime': now, 'iati-activity': projects.map(activity) } })}`;
}
