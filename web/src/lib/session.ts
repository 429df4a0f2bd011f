/** The signed-in user, if any, as the API describes them (roles and general abilities). */
import { useApi } from './api.ts';

export interface Me {
  id: string;
  email: string;
  display_name: string;
  roles: { role: string; state: string | null; organ: string | null }[];
  abilities: string[];
}

/** The signed-in user from GET /api/v1/session, which answers anonymous visitors 200 (no console error). */
export function useMe() {
  const { data, error, loading, reload } = useApi<{ user: Me | null }>('/api/v1/session', { fresh: true });
  return { me: error ? null : (data?.user ?? null), loading, reload };
}
