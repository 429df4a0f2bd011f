import type { OrganisationRules } from './organisation.rules.ts';

export interface OrganisationTable {
  id: string;
  name_en: string;
  name_ru: string | null;
  name_zh: string | null;
  rules: OrganisationRules;
}
