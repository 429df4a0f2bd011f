import { Link } from 'react-router-dom';
import { useApi, type Localised } from '../lib/api.ts';
import { useRecordText } from '../lib/records.ts';
import { RecordText } from './RecordText.tsx';

type States = { items: { iso2: string; name: Localised }[] };

/** A state's name in the chosen language, linked to its page. */
export function StateName({ iso2 }: { iso2: string | null }) {
  const { data } = useApi<States>('/api/v1/states?per_page=200');
  const { text } = useRecordText();
  if (!iso2) return <span>—</span>;
  const state = data?.items.find((s) => s.iso2 === iso2);
  return <Link to={`/states/${iso2}`}>{state ? <RecordText shown={text('state', iso2, 'name', state.name.en, state.name)} /> : iso2}</Link>;
}
