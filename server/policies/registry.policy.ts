import type { Rule } from './policy.ts';
import { hasRole } from './actor.ts';

/** The registry is public; editing it is the Secretariat's and the administrators'. */
export const registryRules: Record<string, Rule> = {
  'registry.read': () => true,
  'registry.seed': (actor) => hasRole(actor, 'administrator') || hasRole(actor, 'secretariat_officer'),
};
