import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { geoNaturalEarth1, geoPath, type GeoProjection } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry } from 'geojson';

type Shape = Feature<Geometry, { name: string }> & { id?: string };

/** A point [longitude, latitude] as SVG coordinates of the map, or null when it is off the projection. */
export type Project = (lonLat: [number, number]) => [number, number] | null;

/**
 * A world map with each state filled by its status colour; other countries stay neutral. `overlay`
 * draws layers over the countries (corridors, places) with the map's projection.
 */
export function WorldMap({ colours, labels, overlay, label = 'map' }: { colours: Map<string, { colour: string; iso2: string }>; labels: Map<string, string>; overlay?: (project: Project) => ReactNode; label?: string }) {
  const [shapes, setShapes] = useState<Shape[]>([]);
  const navigate = useNavigate();
  useEffect(() => {
    void fetch('/geo/countries-50m.json')
      .then((r) => r.json())
      .then((topology) => setShapes((feature(topology, topology.objects.countries) as unknown as FeatureCollection<Geometry, { name: string }>).features as Shape[]));
  }, []);
  const width = 960;
  const height = 520;
  const projection = useMemo<GeoProjection>(() => {
    // Framed on the SCO region, from the eastern Mediterranean to the Pacific.
    return geoNaturalEarth1().rotate([-75, 0]).center([0, 30]).scale(470).translate([width / 2, height / 2]);
  }, []);
  const path = useMemo(() => geoPath(projection), [projection]);
  return (
    <svg className="map" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <rect width={width} height={height} fill="#eef3f7" />
      {shapes.map((s, i) => {
        const hit = s.id ? colours.get(s.id) : undefined;
        return (
          <path
            key={s.id ?? `x${i}`}
            d={path(s) ?? ''}
            fill={hit?.colour ?? '#d9dde1'}
            stroke="#fff"
            strokeWidth={0.5}
            data-m49={s.id}
            style={hit ? { cursor: 'pointer' } : undefined}
            onClick={hit ? () => navigate(`/states/${hit.iso2}`) : undefined}
          >
            <title>{(s.id && labels.get(s.id)) || s.properties.name}</title>
          </path>
        );
      })}
      {overlay ? overlay((p) => projection(p) ?? null) : null}
    </svg>
  );
}
