/** The organisation's rules as data (data/<org>/organisation.json): statuses, rotation, languages. */

export type Lang = 'en' | 'ru' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'ru', 'zh'];
export type Localised = Partial<Record<Lang, string>> & { en: string };

export interface StatusRule {
  id: string;
  label: Localised;
  colour: string;
  /** Whether holders of this status take part in decisions (may block consensus). */
  decides: boolean;
  /** The state-scoped roles (server/policies/roles.ts) someone may hold for a state with this status. */
  roles: string[];
  since?: string;
  until?: string;
}

export interface RotationRule {
  organ: string;
  order: { by: 'name'; language: Lang };
  /** The status whose holders take turns. */
  among: string;
  term: string;
  termYears: number;
  host: string;
  source: string[];
  confidence: string;
  note?: string;
}

/** Which decision procedure applies: the first rule matching the organ and the kind of decision. */
export interface ProcedureRule {
  organs?: string[];
  decisionKinds?: string[];
  procedure: 'consensus' | 'consensus_minus_one' | 'silence' | 'interested_states';
  /** silence: days from opening to the deadline. */
  silenceDays?: number;
  /** Single list: days after which a member's hold comes up for review. */
  holdReviewDays?: number;
  source: string;
}

/**
 * A rule on membership acts: an act of kind `act` (for `status`, from `since`) requires earlier
 * acts of the same state, or a status it holds on the act's date.
 */
export interface MembershipRule {
  id: string;
  act: string;
  status?: string;
  since?: string;
  requires: { act?: string; status?: string; holds?: string[] }[];
  text: Localised;
  source: string;
}

export interface OrganisationRules {
  id: string;
  name: Localised;
  abbreviation: Localised;
  founded: string;
  languages: { official: Lang[]; working: Lang[]; source: string[]; note?: string };
  statuses: StatusRule[];
  rotation: RotationRule;
  decisionRules: { id: string; article?: number; text: string }[];
  procedures: ProcedureRule[];
  /** Rules on membership acts (absent: only the built-in checks). */
  membershipRules?: MembershipRule[];
}

/** The procedure rule for a decision of `kind` taken by `organ` (first match wins). */
export function procedureFor(rules: OrganisationRules, organ: string, kind: string): ProcedureRule | undefined {
  return rules.procedures.find((r) => (!r.organs || r.organs.includes(organ)) && (!r.decisionKinds || r.decisionKinds.includes(kind)));
}
