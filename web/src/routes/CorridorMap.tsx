/** The corridors drawn schematically over the world map: straight lines between located places. */
import { useTranslation } from 'react-i18next';
import { useLang, type Localised } from '../lib/api.ts';
import type { Project } from '../components/WorldMap.tsx';
import '../lib/strings/corridors.ts';

export type Place = { id: string; name: Localised; kind: string; states: string[]; coordinates: { lat: number; lon: number; source: string } | null };
export type MapSegment = { seq: number; from: string; to: string; mode: string | null; status: string; from_place: Place; to_place: Place };
export type MapCorridor = { id: string; name: Localised; kind: string; segments: MapSegment[] };

const COLOURS: Record<string, string> = { transport: '#b5452a', energy: '#1f6f8b', digital: '#6b4fa0', programme: '#5a6675' };
const located = (p: Place) => p.coordinates !== null;

/** Segments not drawn because a place has no recorded coordinates. */
export const undrawn = (corridors: MapCorridor[]) => corridors.flatMap((c) => c.segments).filter((s) => !located(s.from_place) || !located(s.to_place)).length;

/** An SVG layer for WorldMap's `overlay`. Planned and unfinished segments are dashed. */
export function corridorLayer(corridors: MapCorridor[], pick: (l: Localised) => string, highlight?: string) {
  return function Layer(project: Project) {
    const places = new Map<string, Place>();
    return (
      <g data-testid="corridor-layer">
        {corridors.flatMap((c) => c.segments.filter((s) => located(s.from_place) && located(s.to_place)).map((s) => {
          places.set(s.from, s.from_place);
          places.set(s.to, s.to_place);
          const a = project([s.from_place.coordinates!.lon, s.from_place.coordinates!.lat]);
          const b = project([s.to_place.coordinates!.lon, s.to_place.coordinates!.lat]);
          if (!a || !b) return null;
          const dim = highlight && highlight !== c.id;
          // A white casing under each line keeps it visible over the status fills of the home map.
          return (
            <g key={`${c.id}-${s.seq}`}>
              {dim ? null : <line x1={a[0]} y1={a[1]} x2={b[0]} y2={b[1]} stroke="#fff" strokeWidth={5.5} strokeOpacity={0.85} strokeLinecap="round" />}
              <line x1={a[0]} y1={a[1]} x2={b[0]} y2={b[1]} stroke={COLOURS[c.kind] ?? '#333'} strokeWidth={dim ? 1.5 : 3} strokeOpacity={dim ? 0.35 : 0.9}
                strokeDasharray={s.status === 'operating' ? undefined : '6 4'} data-corridor={c.id}>
                <title>{`${pick(c.name)}: ${pick(s.from_place.name)} → ${pick(s.to_place.name)}`}</title>
              </line>
            </g>
          );
        }))}
        {[...places.values()].map((p) => {
          const xy = project([p.coordinates!.lon, p.coordinates!.lat]);
          return xy ? (
            <circle key={p.id} cx={xy[0]} cy={xy[1]} r={p.kind === 'border_crossing' ? 4.5 : 3.5} fill={p.kind === 'border_crossing' ? '#fff' : '#222'} stroke="#222" strokeWidth={1.5}>
              <title>{pick(p.name)}</title>
            </circle>
          ) : null;
        })}
      </g>
    );
  };
}

/** The label every drawing of corridors carries: what the colours and marks mean, that it is schematic, and how many segments were left out. */
export function SchematicNote({ corridors }: { corridors: MapCorridor[] }) {
  const { t } = useTranslation();
  const kinds = [...new Set(corridors.filter((c) => c.segments.some((s) => located(s.from_place) && located(s.to_place))).map((c) => c.kind))];
  return (
    <>
      {kinds.length ? (
        <ul className="map-legend" aria-label={t('corridors.legend')} data-testid="corridor-legend">
          {kinds.map((k) => <li key={k}><svg width="22" height="8" aria-hidden="true"><line x1="1" y1="4" x2="21" y2="4" stroke={COLOURS[k] ?? '#333'} strokeWidth="3" /></svg>{t(`corridors.kinds.${k}`)}</li>)}
          <li><svg width="22" height="8" aria-hidden="true"><line x1="1" y1="4" x2="21" y2="4" stroke="#5a6675" strokeWidth="3" strokeDasharray="6 4" /></svg>{t('corridors.legendDashed')}</li>
          <li><svg width="12" height="12" aria-hidden="true"><circle cx="6" cy="6" r="4.5" fill="#fff" stroke="#222" strokeWidth="1.5" /></svg>{t('corridors.legendCrossing')}</li>
        </ul>
      ) : null}
      <p className="disclaimer" data-testid="schematic">{t('corridors.schematic', { count: undrawn(corridors) })}</p>
    </>
  );
}

export function useCorridorLayer(corridors: MapCorridor[] | undefined, highlight?: string) {
  const { pick } = useLang();
  return corridors ? corridorLayer(corridors, pick, highlight) : undefined;
}
