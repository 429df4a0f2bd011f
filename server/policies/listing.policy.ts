import type { Rule } from './policy.ts';
import { hasRole, type Actor } from './actor.ts';

/** What the listing rules need to know: the state whose list, entry or position it is. */
export interface StateSubject {
  state: string;
  /** Member states entitled to decide (for positions). */
  eligible?: string[];
}

const rats = (a: Actor) => hasRole(a, 'rats_officer');
const authorityOf = (a: Actor, state: string) => hasRole(a, 'competent_authority', { state });
const coordinatorOf = (a: Actor, state: string) => hasRole(a, 'national_coordinator', { state });
const takesPartInListing = (a: Actor) => rats(a) || hasRole(a, 'competent_authority') || hasRole(a, 'national_coordinator');
const onState = (rule: (a: Actor, s: StateSubject) => boolean): Rule => (a, s) => s !== undefined && rule(a, s as StateSubject);

/**
 * A national list is seen only by its own state (competent authority, national coordinator) and
 * the RATS Executive Committee, and kept by the state's competent authority. Proposals for the
 * single list are seen by every member's authorities and the RATS; each member decides for itself.
 * The adopted single list is for everyone signed in; screening is for competent authorities and RATS.
 */
export const listingRules: Record<string, Rule> = {
  'nationalLists.read': onState((a, s) => rats(a) || authorityOf(a, s.state) || coordinatorOf(a, s.state)),
  'nationalLists.write': onState((a, s) => authorityOf(a, s.state)),
  'proposals.read': (a) => takesPartInListing(a),
  'proposals.create': onState((a, s) => authorityOf(a, s.state)),
  'proposals.group': onState((a, s) => rats(a) || authorityOf(a, s.state)),
  'proposals.position': onState((a, s) => (authorityOf(a, s.state) || coordinatorOf(a, s.state)) && (s.eligible ?? []).includes(s.state)),
  'proposals.withdraw': onState((a, s) => authorityOf(a, s.state)),
  'singleList.read': (a) => a.kind === 'user',
  'screening.use': (a) => rats(a) || hasRole(a, 'competent_authority'),
  'screening.log.read': (a) => rats(a) || hasRole(a, 'administrator'),
};
