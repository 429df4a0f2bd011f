/** Who is making a request, as the policies see it. */
import type { RoleGrant } from './roles.ts';

export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: string;
      email: string;
      displayName: string;
      roles: RoleGrant[];
      /** How the request was authenticated; a token may be limited to some scopes. */
      via: 'session' | 'token';
      scopes: string[] | null;
    };

export const ANONYMOUS: Actor = { kind: 'anonymous' };

/** The audit log's name for an actor. */
export const actorId = (actor: Actor): string => (actor.kind === 'user' ? `user:${actor.userId}` : 'anonymous');

export const hasRole = (actor: Actor, role: RoleGrant['role'], scope: { state?: string; organ?: string } = {}) =>
  actor.kind === 'user' &&
  actor.roles.some((r) => r.role === role && (scope.state === undefined || r.state === scope.state) && (scope.organ === undefined || r.organ === null || r.organ === scope.organ));

/** The states a user may speak for at an organ: as its delegate there, or as national coordinator. */
export function statesActedFor(actor: Actor, organ: string): string[] {
  if (actor.kind !== 'user') return [];
  const states = actor.roles.filter((r) => (r.role === 'delegate' && r.organ === organ) || r.role === 'national_coordinator').map((r) => r.state!);
  return [...new Set(states)].sort();
}
