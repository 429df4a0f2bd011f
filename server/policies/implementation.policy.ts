import type { Rule } from './policy.ts';
import { hasRole, type Actor } from './actor.ts';

export interface PlanSubject {
  public: boolean;
}
export interface ReportSubject {
  /** The state the report is (or would be) for. */
  state: string;
  /** States responsible for the measure. */
  responsible: string[];
}

const officer = (a: Actor) => hasRole(a, 'secretariat_officer');
const coordinatorOf = (a: Actor, state: string) => hasRole(a, 'national_coordinator', { state });
const participant = (a: Actor) => a.kind === 'user' && a.roles.some((r) => ['secretariat_officer', 'national_coordinator', 'delegate'].includes(r.role));

/**
 * Plans marked public, with their computed status and rates, are open to all; the reports behind
 * them (narratives, evidence, returned versions) only to the Secretariat and the reporting state.
 */
export const implementationRules: Record<string, Rule> = {
  'plans.read': (a, s) => s !== undefined && ((s as PlanSubject).public || participant(a)),
  'plans.manage': (a) => officer(a),
  'reports.file': (a) => a.kind === 'user' && a.roles.some((r) => r.role === 'national_coordinator'),
  'reports.submit': (a, s) => s !== undefined && coordinatorOf(a, (s as ReportSubject).state) && (s as ReportSubject).responsible.includes((s as ReportSubject).state),
  'reports.read': (a, s) => s !== undefined && (officer(a) || coordinatorOf(a, (s as ReportSubject).state)),
  'reports.return': (a) => officer(a),
};
