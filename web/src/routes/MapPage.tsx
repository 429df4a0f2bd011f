import { MembershipChart } from '../components/MembershipChart.tsx';
import { useRecordText } from '../lib/records.ts';
import { useFormat } from '../lib/format.ts';
import { usePageTitle } from '../lib/page.ts';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { todayIso, useApi, useLang, type Localised, type Sourced } from '../lib/api.ts';
import { WorldMap } from '../components/WorldMap.tsx';
import { useOrganisation } from '../components/Status.tsx';
import { SchematicNote, useCorridorLayer, type MapCorridor } from './CorridorMap.tsx';

type State = { iso2: string; m49: string; name: Localised; status: ({ status: string; valid_from: string } & Sourced) | null };

const FIRST_DAY = Date.parse('2001-06-15T00:00:00Z');
const DAY = 86_400_000;
const toDate = (n: number) => new Date(FIRST_DAY + n * DAY).toISOString().slice(0, 10);
const toDays = (date: string) => Math.round((Date.parse(`${date}T00:00:00Z`) - FIRST_DAY) / DAY);

export function MapPage() {
  const { t } = useTranslation();
  const { pick } = useLang();
  const { text } = useRecordText();
  const { compare, date } = useFormat();
  const stateName = (s: State) => text('state', s.iso2, 'name', s.name.en, s.name).text;
  usePageTitle(t('nav.map'));
  const [params, setParams] = useSearchParams();
  const [at, setAt] = useState(params.get('at') ?? todayIso());
  const org = useOrganisation();
  const { data, error } = useApi<{ items: State[] }>(`/api/v1/states?at=${at}&per_page=200`);
  const [showCorridors, setShowCorridors] = useState(params.get('corridors') === '1');
  const corridors = useApi<{ items: MapCorridor[] }>(showCorridors ? '/api/v1/economy/corridors?per_page=200' : null);
  const layer = useCorridorLayer(showCorridors ? corridors.data?.items : undefined);
  const max = toDays(todayIso());
  const colours = useMemo(() => {
    const map = new Map<string, { colour: string; iso2: string }>();
    for (const s of data?.items ?? []) {
      const rule = org?.statuses.find((r) => r.id === s.status?.status);
      if (rule) map.set(s.m49, { colour: rule.colour, iso2: s.iso2 });
    }
    return map;
  }, [data, org]);
  const labels = useMemo(() => new Map((data?.items ?? []).map((s) => [s.m49, stateName(s)])), [data, stateName]);
  const choose = (date: string) => {
    setAt(date);
    setParams({ at: date, ...(showCorridors ? { corridors: '1' } : {}) }, { replace: true });
  };
  return (
    <section>
      <h1>{t('map.title')}</h1>
      <div className="slider">
        <label htmlFor="date-slider">{t('map.date')}</label>
        <input id="date-slider" type="range" min={0} max={max} value={toDays(at)} onChange={(e) => choose(toDate(Number(e.target.value)))} />
        <input type="date" aria-label={t('map.date')} value={at} min="2001-06-15" max={todayIso()} onChange={(e) => e.target.value && choose(e.target.value)} />
      </div>
      <label className="layer-toggle"><input type="checkbox" data-testid="corridor-toggle" checked={showCorridors} onChange={(e) => setShowCorridors(e.target.checked)} /> {t('corridors.layer')}</label>
      {error ? <p className="error">{error}</p> : null}
      <div className="map-layout">
        <WorldMap colours={colours} labels={labels} overlay={layer} />
        <div className="legend" data-testid="status-lists">
          {org?.statuses.map((rule) => {
            const holders = (data?.items ?? []).filter((s) => s.status?.status === rule.id).sort((a, b) => compare(stateName(a), stateName(b)));
            if (holders.length === 0) return null;
            return (
              <div key={rule.id} data-status={rule.id}>
                <h3><span className="swatch" style={{ background: rule.colour }} /> {pick(rule.label)} ({holders.length})</h3>
                <ul>
                  {holders.map((s) => (
                    <li key={s.iso2}><Link to={`/states/${s.iso2}`}>{stateName(s)}</Link> <small>{date(s.status?.valid_from)}</small></li>
                  ))}
                </ul>
              </div>
            );
          })}
        </div>
      </div>
      {showCorridors && corridors.data ? <><SchematicNote corridors={corridors.data.items} /><p><Link to="/economy/corridors">{t('corridors.title')} →</Link></p></> : null}
      <p className="disclaimer">{t('map.endorsement')}</p>
      <h2>{t('ref.countsTitle')}</h2>
      {org ? <MembershipChart statuses={org.statuses} label={t('ref.countsTitle')} /> : null}
      <p><a href={`/api/v1/states.csv?at=${at}`}>{t('common.csv')}</a></p>
    </section>
  );
}
