/**
 * The decision procedures as pure code. The engine computes where a procedure stands from the
 * positions expressed so far; recording the decision is a separate, deliberate act of the chair or
 * the Secretariat. Which procedure applies to which organ and kind of decision is data
 * (`procedures` in organisation.json).
 *
 *   consensus            adopted when every eligible member has answered and none objects
 *   consensus_minus_one  the same, without the state concerned (suspension, expulsion)
 *   silence              deemed adopted at the deadline unless an eligible member breaks silence;
 *                        once broken, silence stays broken
 *   interested_states    binds only the members that join; staying out blocks nothing
 */

export const PROCEDURE_KINDS = ['consensus', 'consensus_minus_one', 'silence', 'interested_states'] as const;
export type ProcedureKind = (typeof PROCEDURE_KINDS)[number];

export const POSITIONS = ['support', 'no_objection', 'reservation', 'objection', 'break_silence', 'join', 'stay_out'] as const;
export type PositionValue = (typeof POSITIONS)[number];

/** The positions each procedure accepts. */
export const POSITIONS_BY_KIND: Record<ProcedureKind, readonly PositionValue[]> = {
  consensus: ['support', 'no_objection', 'reservation', 'objection'],
  consensus_minus_one: ['support', 'no_objection', 'reservation', 'objection'],
  silence: ['break_silence'],
  interested_states: ['join', 'stay_out'],
};

export interface Position {
  state: string;
  position: PositionValue;
  /** ISO timestamp the position was expressed. */
  at: string;
  text?: string | null;
}

export interface Procedure {
  kind: ProcedureKind;
  /** Member states when the procedure opened: only they decide. */
  eligible: readonly string[];
  /** consensus_minus_one: the state whose position does not count. */
  concerned?: string | null;
  /** ISO timestamp; required for silence. */
  deadline?: string | null;
}

export type OutcomeState = 'open' | 'adopted' | 'blocked' | 'deemed_adopted' | 'silence_broken';

export interface Outcome {
  state: OutcomeState;
  /** Eligible states that have not answered yet. */
  pending: string[];
  objections: string[];
  reservations: { state: string; text: string | null }[];
  /** interested_states: the members bound by the decision. */
  participants: string[];
}

/** Each deciding state's latest position expressed up to `now`; others are ignored. */
function latestPositions(deciding: Set<string>, positions: readonly Position[], now: string): Map<string, Position> {
  const latest = new Map<string, Position>();
  for (const p of [...positions].sort((a, b) => a.at.localeCompare(b.at))) {
    if (deciding.has(p.state) && p.at <= now) latest.set(p.state, p);
  }
  return latest;
}

/** Where the procedure stands at `now`. */
export function evaluate(procedure: Procedure, positions: readonly Position[], now: string): Outcome {
  const deciding = new Set(procedure.eligible.filter((s) => !(procedure.kind === 'consensus_minus_one' && s === procedure.concerned)));
  const latest = latestPositions(deciding, positions, now);
  const answered = [...latest.values()];
  const pending = [...deciding].filter((s) => !latest.has(s)).sort();
  const objections = answered.filter((p) => p.position === 'objection').map((p) => p.state).sort();
  const reservations = answered.filter((p) => p.position === 'reservation').map((p) => ({ state: p.state, text: p.text ?? null })).sort((a, b) => a.state.localeCompare(b.state));
  const participants = answered.filter((p) => p.position === 'join').map((p) => p.state).sort();
  const outcome = (state: OutcomeState): Outcome => ({ state, pending, objections, reservations, participants });

  switch (procedure.kind) {
    case 'consensus':
    case 'consensus_minus_one':
      if (objections.length > 0) return outcome('blocked');
      return outcome(pending.length === 0 && deciding.size > 0 ? 'adopted' : 'open');
    case 'silence': {
      if (!procedure.deadline) throw new Error('a silence procedure needs a deadline');
      // Any break before the deadline counts, even if followed by something else.
      const broken = positions.some((p) => deciding.has(p.state) && p.position === 'break_silence' && p.at <= now && p.at < procedure.deadline!);
      if (broken) return { ...outcome('silence_broken'), pending: [] };
      return now >= procedure.deadline ? { ...outcome('deemed_adopted'), pending: [] } : outcome('open');
    }
    case 'interested_states':
      if (pending.length > 0) return outcome('open');
      return outcome(participants.length > 0 ? 'adopted' : 'blocked');
  }
}
