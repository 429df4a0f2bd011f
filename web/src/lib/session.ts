/** The signed-in user, if any, as the API describes them (roles and general abilities). */
import { useApi } from './api.ts';

export interface Me {
  id: string;
  email: string;
  display_name: string;
  roles: { role: string; state: string | null; organ: string | null }[];
  abilities: string[];
}

export function useMe() {
  const { data, error, loading, reload } = useApi<Me>('/api/v1/me', { fresh: true });
  return { me: error ? null : (data ?? null), loading, reload };
}
