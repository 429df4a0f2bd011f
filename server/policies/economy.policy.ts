import type { Rule } from './policy.ts';
import { hasRole } from './actor.ts';

const officer: Rule = (a) => hasRole(a, 'secretariat_officer');

/**
 * Economic cooperation. Indicators, the seeds' statements, projects and their financing are public
 * reading. The Secretariat keeps the project pipeline: it registers projects, moves them through
 * their stages, tables their decisions (the states then join or stay out through the decision
 * procedure, whose own rules apply) and records financing and disbursements.
 */
export const economyRules: Record<string, Rule> = {
  'economy.read': () => true,
  'economy.projects.manage': officer,
  'economy.financing.record': officer,
  /** Trade files users download from UN Comtrade or the IMF; the matrix computed from them is public. */
  'economy.trade.import': officer,
  /**
   * A state reports the time goods take to clear its own side of a border crossing: its
   * competent authority or its national coordinator (roles held only for members, see
   * organisation.json statuses[].roles), never another state's officers nor the Secretariat.
   */
  'economy.crossings.report': (a, s) => s !== undefined && (hasRole(a, 'competent_authority', { state: (s as CrossingSubject).state }) || hasRole(a, 'national_coordinator', { state: (s as CrossingSubject).state })),
  /** Milestones and the links of projects to measures and corridors are the pipeline's: the Secretariat keeps them. */
  'economy.milestones.record': officer,
};

export interface CrossingSubject {
  state: string;
}
