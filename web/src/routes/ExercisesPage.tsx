import { useTranslation } from 'react-i18next';
import { useApi } from '../lib/api.ts';
import { usePageTitle } from '../lib/page.ts';

type Item = { year: number; host: string; basis: 'recorded' | 'computed'; id?: string; title?: string; participants?: string[]; starts_on?: string | null; ends_on?: string | null; findings?: { finding: string; code: string }[] };

/** The exercise calendar: exercises held in rotation among members, then the next hosts by the rotation rule. */
export function ExercisesPage() {
  const { t } = useTranslation();
  usePageTitle(t('infosecHandling.exercisesTitle'));
  const calendar = useApi<{ rotation: { rule: string }; items: Item[] }>('/api/v1/infosec/exercises');
  if (calendar.loading && !calendar.data) return <p>{t('common.loading')}</p>;
  if (calendar.error) return <p className="error">{calendar.error}</p>;
  return (
    <section>
      <h1>{t('infosecHandling.exercisesTitle')}</h1>
      <div style={{ overflowX: 'auto' }}>
        <table data-testid="exercises">
          <thead><tr><th>{t('infosecHandling.year')}</th><th>{t('infosecHandling.host')}</th><th>{t('infosecHandling.exercise')}</th><th>{t('infosecHandling.participants')}</th><th>{t('infosecHandling.findings')}</th></tr></thead>
          <tbody>
            {(calendar.data?.items ?? []).map((e) => (
              <tr key={`${e.year}-${e.basis}`}>
                <td>{e.year}</td>
                <td>{e.host}</td>
                <td>{e.basis === 'recorded' ? `${e.title ?? ''}${e.starts_on ? ` (${e.starts_on}–${e.ends_on ?? ''})` : ''}` : <em>{t('infosecHandling.computed')}</em>}</td>
                <td>{(e.participants ?? []).join(', ')}</td>
                <td>{(e.findings ?? []).map((f) => <div key={f.code}>{f.code}: {f.finding}</div>)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
