import type { Rule } from './policy.ts';
import { hasRole } from './actor.ts';

/** The audit log (who did what) is read by Secretariat officers and administrators, no one else. */
export const auditRules: Record<string, Rule> = {
  'audit.read': (actor) => hasRole(actor, 'administrator') || hasRole(actor, 'secretariat_officer'),
};
