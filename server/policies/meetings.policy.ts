import type { Rule } from './policy.ts';
import { hasRole } from './actor.ts';

export interface MeetingSubject {
  organ: string;
}

/**
 * Meetings are public; the Secretariat keeps them: an officer (of the organ, when the grant is
 * scoped to one) schedules and edits meetings and runs the dormant-body check.
 */
export const meetingRules: Record<string, Rule> = {
  'meetings.manage': (a, s) => s !== undefined && hasRole(a, 'secretariat_officer', { organ: (s as MeetingSubject).organ }),
  'organs.check_activity': (a) => hasRole(a, 'secretariat_officer'),
};
