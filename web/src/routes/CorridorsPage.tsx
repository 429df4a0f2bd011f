/** Corridors: the list with a schematic map, and one corridor with its segments, crossings and times. */
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { send, upload, useApi, useLang, type Localised, type Sourced } from '../lib/api.ts';
import { usePageTitle } from '../lib/page.ts';
import { useFormat } from '../lib/format.ts';
import { Provenance } from '../components/Provenance.tsx';
import { WorldMap } from '../components/WorldMap.tsx';
import { EChart } from '../components/EChart.tsx';
import { SchematicNote, useCorridorLayer, type MapCorridor, type Place } from './CorridorMap.tsx';
import '../lib/strings/corridors.ts';
import '../lib/strings/economy.ts';
import './economy.css';

type Segment = { seq: number; from: string; to: string; mode: string | null; status: string; capacity: { value: number; unit: string } | null; length_km: number | null; transit_hours: number | null } & Sourced;
type Corridor = MapCorridor & { states: string[]; segments: (Segment & MapCorridor['segments'][number])[]; computed: { end_to_end_hours: number | null; slowest: { place: string; hours: number } | null } } & Sourced;
type Times = { at: string; crossings: { place: string; sides: { state: string; hours: number | null; observed_on: string | null }[]; hours: number | null }[]; slowest: { place: string; hours: number } | null; end_to_end: { hours: number | null; known_hours: number; missing: string[] } };
type Detail = {
  id: string; name: Localised; kind: string; states: string[]; places: Place[]; segments: Segment[];
  crossings: { place: string; reports: { state: string; observed_on: string; hours: number; source: string | null }[] }[];
  computed: Times; timeline: { at: string; end_to_end_hours: number | null; known_hours: number; slowest: { place: string; hours: number } | null }[];
  projects: { id: string; title: Localised; stage: string }[]; reportable: { place: string; state: string }[];
} & Sourced;

const NO_COLOURS = new Map<string, { colour: string; iso2: string }>();
const NO_LABELS = new Map<string, string>();

/** The economy pages' own navigation, so that the long dashboard is split into sections. */
function useNotReported() {
  const { t } = useTranslation();
  return (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? <small className="not-reported">{t('corridors.notReported')}</small> : v);
}

/** A place of a corridor by its name in the reader's language (the API gives the slowest crossing by id). */
function usePlaceName() {
  const { pick } = useLang();
  return (c: Corridor, id: string) => {
    const p = c.segments.flatMap((s) => [s.from_place, s.to_place]).find((x) => x.id === id);
    return p ? pick(p.name) : id;
  };
}

export function CorridorsPage() {
  const { t } = useTranslation();
  usePageTitle(t('corridors.title'));
  const { pick } = useLang();
  const nr = useNotReported();
  const placeName = usePlaceName();
  const corridors = useApi<{ items: Corridor[] }>('/api/v1/economy/corridors?per_page=200');
  const layer = useCorridorLayer(corridors.data?.items);
  return (
    <section className="economy" data-testid="corridors">
      <h1>{t('corridors.title')}</h1>
      <p>{t('corridors.intro')}</p>
      {corridors.error ? <p className="error">{corridors.error}</p> : null}
      <div className="card">
        <h2>{t('corridors.map')}</h2>
        <WorldMap colours={NO_COLOURS} labels={NO_LABELS} overlay={layer} label={t('corridors.map')} />
        {corridors.data ? <SchematicNote corridors={corridors.data.items} /> : null}
        <p className="disclaimer">{t('map.endorsement')}</p>
      </div>
      <div className="downloads">{t('corridors.download')}:
        <a href="/api/v1/economy/corridors.csv">{t('corridors.nav')} CSV</a> <a href="/api/v1/economy/corridors.xlsx">XLSX</a>
        <a href="/api/v1/economy/corridor-segments.csv">{t('corridors.segments')} CSV</a> <a href="/api/v1/economy/corridor-segments.xlsx">XLSX</a>
        <a href="/api/v1/economy/places.csv">{t('corridors.places')} CSV</a> <a href="/api/v1/economy/places.xlsx">XLSX</a>
        <a href="/api/v1/economy/crossing-times.csv">{t('corridors.crossings')} CSV</a> <a href="/api/v1/economy/crossing-times.xlsx">XLSX</a>
      </div>
      <div className="scroll">
        <table className="corridor-table" data-testid="corridor-table">
          <thead><tr><th>{t('corridors.corridor')}</th><th>{t('corridors.kind')}</th><th>{t('corridors.route')}</th><th className="num">{t('corridors.endToEnd')}</th><th>{t('corridors.slowest')}</th></tr></thead>
          <tbody>
            {corridors.data?.items.map((c) => (
              <tr key={c.id}>
                <td><Link to={`/economy/corridors/${c.id}`}>{pick(c.name)}</Link></td>
                <td>{t(`corridors.kinds.${c.kind}`)}</td>
                <td>{c.segments.length ? [c.segments[0]!.from_place, ...c.segments.map((s) => s.to_place)].map((p) => pick(p.name)).join(' → ') : nr(null)}</td>
                <td className="num">{nr(c.computed.end_to_end_hours)}</td>
                <td>{c.computed.slowest ? `${placeName(c, c.computed.slowest.place)} (${c.computed.slowest.hours})` : nr(null)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function CorridorPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { pick } = useLang();
  const { date } = useFormat();
  const nr = useNotReported();
  const detail = useApi<Detail>(`/api/v1/economy/corridors/${id}`, { fresh: true });
  const all = useApi<{ items: Corridor[] }>('/api/v1/economy/corridors?per_page=200');
  const mine = all.data?.items.filter((c) => c.id === id);
  const layer = useCorridorLayer(mine);
  const d = detail.data;
  usePageTitle(d ? pick(d.name) : t('corridors.corridor'));
  const [message, setMessage] = useState<string | null>(null);
  const place = (pid: string) => { const p = d?.places.find((x) => x.id === pid); return p ? pick(p.name) : pid; };
  const report = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const [crossing, state] = String(f.get('side')).split('|');
    try {
      await send('POST', '/api/v1/economy/crossing-times', { place: crossing, state, observed_on: f.get('observed_on'), hours: Number(f.get('hours')), ...(f.get('source') ? { source: f.get('source') } : {}) });
      setMessage(t('corridors.saved'));
      detail.reload();
    } catch (err) {
      setMessage((err as Error).message);
    }
  };
  const importFile = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const file = (new FormData(e.currentTarget).get('file') as File | null);
    if (!file) return;
    try {
      const r = await upload<{ stored: number }>(`/api/v1/economy/crossing-times/import?file_name=${encodeURIComponent(file.name)}`, file, 'text/csv');
      setMessage(t('corridors.imported', { count: r.stored }));
      detail.reload();
    } catch (err) {
      setMessage((err as Error).message);
    }
  };
  if (detail.error) return <section className="economy"><h1>{t('corridors.corridor')}</h1><p className="error">{detail.error}</p></section>;
  if (!d) return <section className="economy"><h1>{t('corridors.corridor')}</h1><p>{t('common.loading')}</p></section>;
  const e2e = d.computed.end_to_end;
  const chart = d.timeline.length ? {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 8, bottom: 24, top: 24, containLabel: true },
    xAxis: { type: 'category', data: d.timeline.map((p) => p.at) },
    yAxis: { type: 'value' },
    series: [{ name: t('corridors.endToEnd'), type: 'line', data: d.timeline.map((p) => p.end_to_end_hours) }],
  } : null;
  return (
    <section className="economy" data-testid="corridor">
      <h1>{pick(d.name)}</h1>
      <p><Link to="/economy/corridors">← {t('corridors.title')}</Link></p>
      <p>{t(`corridors.kinds.${d.kind}`)} · {t('corridors.states')}: {d.states.join(' ') || '—'}</p>
      <Provenance record={d} />
      <div className="charts">
        <div className="card" data-testid="computed">
          <h2>{t('corridors.endToEnd')}</h2>
          <p className="big">{e2e.hours ?? t('corridors.endToEndUnknown', { count: e2e.missing.length })}</p>
          {e2e.hours === null && e2e.known_hours > 0 ? <p><small>{t('corridors.knownPart', { hours: e2e.known_hours })}</small></p> : null}
          <h2>{t('corridors.slowest')}</h2>
          <p>{d.computed.slowest ? `${place(d.computed.slowest.place)}: ${d.computed.slowest.hours} ${t('corridors.hours')}` : nr(null)}</p>
        </div>
        <div className="card">
          <h2>{t('corridors.map')}</h2>
          <WorldMap colours={NO_COLOURS} labels={NO_LABELS} overlay={layer} label={t('corridors.map')} />
          {mine ? <SchematicNote corridors={mine} /> : null}
          <p className="disclaimer">{t('map.endorsement')}</p>
        </div>
      </div>
      <div className="card">
        <h2>{t('corridors.segments')}</h2>
        <div className="scroll">
          <table className="corridor-table" data-testid="segments">
            <thead><tr><th>#</th><th>{t('corridors.from')}</th><th>{t('corridors.to')}</th><th>{t('corridors.mode')}</th><th>{t('corridors.status')}</th><th className="num">{t('corridors.capacity')}</th><th className="num">{t('corridors.length')}</th><th className="num">{t('corridors.transit')}</th><th>{t('corridors.sources')}</th></tr></thead>
            <tbody>
              {d.segments.map((s) => (
                <tr key={s.seq}>
                  <td>{s.seq}</td><td>{place(s.from)}</td><td>{place(s.to)}</td>
                  <td>{s.mode ? t(`corridors.modes.${s.mode}`) : nr(null)}</td>
                  <td>{t(`corridors.statuses.${s.status}`)}</td>
                  <td className="num">{s.capacity ? `${s.capacity.value} ${s.capacity.unit}` : nr(null)}</td>
                  <td className="num">{nr(s.length_km)}</td>
                  <td className="num">{nr(s.transit_hours)}</td>
                  <td><Provenance record={s} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div className="card" data-testid="crossings">
        <h2>{t('corridors.crossings')}</h2>
        {d.crossings.length === 0 ? <p>{t('corridors.crossingsNone')}</p> : null}
        {d.crossings.map((c) => (
          <div key={c.place}>
            <h3>{place(c.place)}</h3>
            {c.reports.length === 0 ? <p>{t('corridors.reportsNone')}</p> : (
              <div className="scroll">
                <table>
                  <thead><tr><th>{t('corridors.observed')}</th><th>{t('corridors.side')}</th><th className="num">{t('corridors.hours')}</th><th>{t('corridors.sourceOfFigure')}</th></tr></thead>
                  <tbody>{c.reports.map((r) => <tr key={`${r.state}-${r.observed_on}`}><td>{date(r.observed_on)}</td><td>{r.state}</td><td className="num">{r.hours}</td><td>{r.source ?? ''}</td></tr>)}</tbody>
                </table>
              </div>
            )}
          </div>
        ))}
        {chart ? <><h2>{t('corridors.timeline')}</h2><EChart option={chart} label={t('corridors.timeline')} height={220} /></> : null}
      </div>
      {d.reportable.length ? (
        <div className="card">
          <form className="stack" onSubmit={report} data-testid="report-crossing">
            <h2>{t('corridors.report')}</h2>
            <p><small>{t('corridors.reportHelp')}</small></p>
            <label>{t('corridors.crossing')}<select name="side">{d.reportable.map((r) => <option key={`${r.place}|${r.state}`} value={`${r.place}|${r.state}`}>{place(r.place)} — {r.state}</option>)}</select></label>
            <label>{t('corridors.observed')}<input type="date" name="observed_on" required /></label>
            <label>{t('corridors.hours')}<input type="number" name="hours" min={0} max={8760} step="0.1" required /></label>
            <label>{t('corridors.sourceOfFigure')}<input name="source" maxLength={500} /></label>
            <button type="submit">{t('corridors.save')}</button>
          </form>
          <form className="stack" onSubmit={importFile}>
            <label>{t('corridors.importCsv')}<input type="file" name="file" accept=".csv,text/csv" /></label>
            <button type="submit">{t('corridors.save')}</button>
          </form>
          {message ? <p role="status">{message}</p> : null}
        </div>
      ) : null}
      {d.projects.length ? (
        <div className="card">
          <h2>{t('corridors.projects')}</h2>
          <ul>{d.projects.map((p) => <li key={p.id}><Link to={`/economy/projects/${p.id}`}>{pick(p.title)}</Link> <small>{t(`economy.stages.${p.stage}`)}</small></li>)}</ul>
        </div>
      ) : null}
      <div className="card">
        <h2>{t('corridors.places')}</h2>
        <ul>{d.places.map((p) => <li key={p.id}>{pick(p.name)} <small>({p.states.join('–')}) · {p.coordinates ? t('corridors.coordinatesFrom', { source: p.coordinates.source }) : t('corridors.noCoordinates')}</small></li>)}</ul>
      </div>
    </section>
  );
}
