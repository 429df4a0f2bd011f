import { useTranslation } from 'react-i18next';
import type { Sourced } from '../lib/api.ts';

/** The sources and confidence of a record: every fact on the portal shows where it comes from. */
export function Provenance({ record }: { record: Sourced }) {
  const { t } = useTranslation();
  return (
    <details className="provenance">
      <summary>
        <span className={`badge confidence-${record.confidence}`}>{t(`confidence.${record.confidence}`)}</span> {t('common.source')} ({record.source.length})
      </summary>
      <ul>
        {record.source.map((s) => (
          <li key={s}>{s.startsWith('http') ? <a href={s} rel="noreferrer noopener" target="_blank">{s}</a> : s}</li>
        ))}
      </ul>
      {record.note ? <p className="note">{record.note}</p> : null}
    </details>
  );
}
