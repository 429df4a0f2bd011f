import { Link } from 'react-router-dom';
import { useApi, useLang, type Localised } from '../lib/api.ts';

type States = { items: { iso2: string; name: Localised }[] };

/** A state's name in the chosen language, linked to its page. */
export function StateName({ iso2 }: { iso2: string | null }) {
  const { data } = useApi<States>('/api/v1/states?per_page=200');
  const { pick } = useLang();
  if (!iso2) return <span>—</span>;
  const state = data?.items.find((s) => s.iso2 === iso2);
  return <Link to={`/states/${iso2}`}>{state ? pick(state.name) : iso2}</Link>;
}
