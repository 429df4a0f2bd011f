import type { Rule } from './policy.ts';
import { hasRole, statesActedFor, type Actor } from './actor.ts';

/** What the decision rules need to know about a draft. */
export interface DraftSubject {
  organ: string;
  status: 'draft' | 'in_procedure' | 'adopted' | 'rejected' | 'withdrawn';
  tabledByState: string | null;
  /** The state the caller acts for in this request, if any. */
  state?: string | null;
  /** Member states (on the relevant date): only they table, amend and decide. */
  members?: string[];
  /** States eligible in the open procedure. */
  eligible?: string[];
}

const officer = (a: Actor, organ: string) => hasRole(a, 'secretariat_officer', { organ });
const speaksFor = (a: Actor, s: DraftSubject) => Boolean(s.state) && statesActedFor(a, s.organ).includes(s.state!);
const tablingStateSpeaker = (a: Actor, s: DraftSubject) => s.tabledByState !== null && statesActedFor(a, s.organ).includes(s.tabledByState);
const isMember = (s: DraftSubject) => (s.members ?? []).includes(s.state!);

/** A rule about a particular draft: without one, the answer is no. */
const onDraft = (rule: (a: Actor, s: DraftSubject) => boolean): Rule => (a, s) => s !== undefined && rule(a, s as DraftSubject);

/**
 * Drafts are confidential to the organ's participants (Secretariat officers, member-state
 * delegates to that organ, national coordinators) until adopted; then they are public.
 */
export const decisionRules: Record<string, Rule> = {
  'drafts.list': (a) => a.kind === 'user',
  'drafts.read': onDraft((a, s) => s.status === 'adopted' || officer(a, s.organ) || statesActedFor(a, s.organ).length > 0),
  'drafts.table': onDraft((a, s) => officer(a, s.organ) || (speaksFor(a, s) && isMember(s))),
  'drafts.edit': onDraft((a, s) => s.status === 'draft' && (officer(a, s.organ) || tablingStateSpeaker(a, s))),
  'amendments.propose': onDraft((a, s) => s.status === 'draft' && speaksFor(a, s) && isMember(s)),
  'amendments.decide': onDraft((a, s) => s.status === 'draft' && (officer(a, s.organ) || tablingStateSpeaker(a, s))),
  'procedures.open': onDraft((a, s) => s.status === 'draft' && officer(a, s.organ)),
  'positions.submit': onDraft((a, s) => s.status === 'in_procedure' && speaksFor(a, s) && (s.eligible ?? []).includes(s.state!)),
  'decisions.record': onDraft((a, s) => ['draft', 'in_procedure'].includes(s.status) && officer(a, s.organ)),
  'inbox.read': (a) => a.kind === 'user',
  'webhooks.manage': (a) => hasRole(a, 'administrator'),
};
