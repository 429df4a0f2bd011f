import { useTranslation } from 'react-i18next';
import { useApi, useLang, type Localised, type Sourced } from '../lib/api.ts';
import { Provenance } from '../components/Provenance.tsx';
import { City } from '../components/RecordText.tsx';
import { LoadError, Loading } from '../components/States.tsx';
import { useFormat } from '../lib/format.ts';
import { usePageTitle } from '../lib/page.ts';
import '../lib/strings/relations.ts';

type Entry = { action: string; date: string; date_precision: 'day' | 'month' | 'year'; place: string | null; meeting: string | null } & Sourced;
type Memorandum = { id: string; organisation: { id: string; name: Localised }; sco_party: string; kind: string; title: Localised; ledger: Entry[] } & Sourced;

/** Memoranda and other instruments with international organisations, each with its ledger. */
export function RelationsPage() {
  const { t } = useTranslation();
  const { pick } = useLang();
  const f = useFormat();
  usePageTitle(t('rel.memo.title'));
  const { data, error, status } = useApi<{ items: Memorandum[] }>('/api/v1/memoranda?per_page=200');
  if (error) return <LoadError error={error} status={status} />;
  if (!data) return <Loading />;
  const when = (e: Entry) => (e.date_precision === 'year' ? e.date.slice(0, 4) : e.date_precision === 'month' ? e.date.slice(0, 7) : f.date(e.date));
  return (
    <section>
      <h1>{t('rel.memo.title')}</h1>
      <p><a href="/api/v1/memoranda.csv">{t('common.csv')}</a></p>
      <table data-testid="memoranda">
        <thead><tr><th>{t('rel.memo.organisation')}</th><th>{t('rel.memo.instrument')}</th><th>{t('rel.memo.party')}</th><th>{t('rel.memo.ledger')}</th><th>{t('common.source')}</th></tr></thead>
        <tbody>
          {data.items.map((m) => (
            <tr key={m.id} data-memorandum={m.id}>
              <td>{pick(m.organisation.name)}</td>
              <td>{pick(m.title)} <small>({t(`rel.memoKind.${m.kind}`)})</small></td>
              <td>{t(`ref.organ.${m.sco_party}`, { defaultValue: m.sco_party })}</td>
              <td>{m.ledger.length === 0 ? <em>{t('rel.memo.undated')}</em> : <ul>{m.ledger.map((e) => <li key={`${e.action}${e.date}`}>{t(`rel.memoAction.${e.action}`)} {when(e)}{e.place ? <> · <City name={e.place} /></> : null}</li>)}</ul>}</td>
              <td><Provenance record={m} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
