/**
 * Every authorization rule lives in this folder, as pure functions: `can(actor, action, subject)`.
 * Deny by default: an action without a rule is refused to everyone.
 */
import type { Actor } from './actor.ts';
import { registryRules } from './registry.policy.ts';
import { accountRules } from './accounts.policy.ts';
import { decisionRules } from './decisions.policy.ts';
import { implementationRules } from './implementation.policy.ts';
import { listingRules } from './listing.policy.ts';
import { settlementRules } from './settlement.policy.ts';
import { economyRules } from './economy.policy.ts';
import { depositaryRules } from './depositary.policy.ts';
import { meetingRules } from './meetings.policy.ts';
import { auditRules } from './audit.policy.ts';
import { infosecRules } from './infosec.policy.ts';
import { textRules } from './texts.policy.ts';
import { membershipRules } from './membership.policy.ts';

export type Rule = (actor: Actor, subject: unknown) => boolean;

const RULES: Record<string, Rule> = { ...registryRules, ...accountRules, ...decisionRules, ...implementationRules, ...listingRules, ...settlementRules, ...economyRules, ...depositaryRules, ...meetingRules, ...infosecRules, ...textRules, ...membershipRules, ...auditRules };


export function can(actor: Actor, action: string, subject?: unknown): boolean {
  const rule = RULES[action];
  if (!rule) return false;
  // A token limited to scopes acts only within them.
  if (actor.kind === 'user' && actor.scopes && !actor.scopes.some((s) => action === s || action.startsWith(`${s}.`))) return false;
  return rule(actor, subject);
}

/** The actions of `actions` that `actor` may take on `subject`: sent with resources for the UI. */
export function abilities(actor: Actor, actions: string[], subject?: unknown): string[] {
  return actions.filter((a) => can(actor, a, subject));
}

export const knownActions = () => Object.keys(RULES);
