import type { Rule } from './policy.ts';
import { hasRole } from './actor.ts';

const isAdmin: Rule = (actor) => hasRole(actor, 'administrator');

export const accountRules: Record<string, Rule> = {
  'accounts.me': (actor) => actor.kind === 'user',
  'accounts.list': isAdmin,
  'accounts.manage': isAdmin,
  'tokens.create': (actor) => actor.kind === 'user',
};
