import type { Rule } from './policy.ts';
import { hasRole } from './actor.ts';

/**
 * The Secretariat is the SCO's depositary (Charter Art. 25): its officers record treaty actions;
 * the acts, the status tables and the notifications are public.
 */
export const depositaryRules: Record<string, Rule> = {
  'depositary.record': (a) => hasRole(a, 'secretariat_officer'),
};
