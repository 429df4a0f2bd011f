/** The signed-in user, if any, as the API describes them (roles and general abilities). */
import { useApi } from './api.ts';
import type { Json } from './contract.ts';

/** As GET /api/v1/session describes the user (the generated contract), every field present. */
export type Me = Required<NonNullable<Json<'/api/v1/session'>['user']>>;

/** The signed-in user from GET /api/v1/session, which answers anonymous visitors 200 (no console error). */
export function useMe() {
  const { data, error, loading, reload } = useApi<Json<'/api/v1/session'>>('/api/v1/session', { fresh: true });
  return { me: error ? null : ((data?.user as Me | null | undefined) ?? null), loading, reload };
}
