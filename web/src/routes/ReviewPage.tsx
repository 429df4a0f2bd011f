import { useEffect } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useApi, useLang, type Localised } from '../lib/api.ts';
import { setLanguage, type Lang } from '../lib/i18n.ts';
import { Bar } from '../components/Bar.tsx';
import { StateName } from '../components/StateName.tsx';

type Rate = { key: string; measures: number; rate: number | null };
type Review = {
  meeting: { id: string; organ_name: Localised; number: number | null; date: string; city: string };
  as_of: string;
  plans: { id: string; title: Localised; pillar: string; progress: number | null; statuses: Record<string, number>; measures: number }[];
  by_state: Rate[];
  by_pillar: Rate[];
  overdue: { plan: string; plan_title: Localised; code: string; title: string; deadline: string; responsible: string[]; progress: number }[];
};

/** The implementation review for a meeting; printed to PDF by the server as it is shown here. */
export function ReviewPage() {
  const { meeting } = useParams();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const { pick } = useLang();
  const lang = params.get('lang') as Lang | null;
  useEffect(() => {
    if (lang) setLanguage(lang);
  }, [lang]);
  const { data, error } = useApi<Review>(`/api/v1/implementation/review?meeting=${meeting}`);
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p>{t('common.loading')}</p>;
  return (
    <section className="review" data-review-ready>
      <h1>{t('impl.review')}: {pick(data.meeting.organ_name)} {data.meeting.number ? `№ ${data.meeting.number}` : ''}</h1>
      <p>{data.meeting.city} · {t('impl.asOf')} {data.as_of} · <a className="no-print" href={`/api/v1/implementation/review.pdf?meeting=${data.meeting.id}&lang=${lang ?? 'en'}`}>PDF</a></p>
      <h2>{t('impl.byPillar')}</h2>
      <dl className="bars">{data.by_pillar.map((r) => <div key={r.key}><dt>{t(`pillar.${r.key}`)}</dt><dd><Bar value={r.rate} label={r.key} /></dd></div>)}</dl>
      <h2>{t('impl.plans')}</h2>
      <table>
        <thead><tr><th></th><th>{t('impl.progress')}</th><th>{t('impl.measures')}</th><th></th></tr></thead>
        <tbody>
          {data.plans.map((p) => (
            <tr key={p.id}>
              <td><Link to={`/plans/${p.id}`}>{pick(p.title)}</Link></td>
              <td><Bar value={p.progress} label={p.id} /></td>
              <td>{p.measures}</td>
              <td>{Object.entries(p.statuses).map(([s, n]) => <span key={s} className={`badge mstatus-${s}`}>{t(`mstatus.${s}`)} {n}</span>)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('impl.overdue')} ({data.overdue.length})</h2>
      <table data-testid="review-overdue">
        <tbody>
          {data.overdue.map((m) => (
            <tr key={`${m.plan}${m.code}`}>
              <td>{m.code}</td><td>{m.title}<br /><small>{pick(m.plan_title)}</small></td><td>{m.deadline}</td>
              <td>{m.responsible.map((s, i) => <span key={s}>{i ? ', ' : ''}<StateName iso2={s} /></span>)}</td><td><Bar value={m.progress} label={m.code} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('impl.byState')}</h2>
      <dl className="bars">{data.by_state.map((r) => <div key={r.key}><dt><StateName iso2={r.key} /></dt><dd><Bar value={r.rate} label={r.key} /> <small>{r.measures}</small></dd></div>)}</dl>
    </section>
  );
}
