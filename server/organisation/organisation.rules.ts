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

export interface OrganisationRules {
  id: string;
  name: Localised;
  abbreviation: Localised;
  founded: string;
  languages: { official: Lang[]; working: Lang[]; source: string[]; note?: string };
  statuses: StatusRule[];
  rotation: RotationRule;
  decisionRules: { id: string; article?: number; text: string }[];
}
