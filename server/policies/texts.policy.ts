import type { Rule } from './policy.ts';
import { hasRole } from './actor.ts';

/**
 * Document texts are public; the Secretariat, keeper of the registry and depositary (Charter
 * Art. 25), uploads new versions of them.
 */
export const textRules: Record<string, Rule> = {
  'texts.upload': (a) => hasRole(a, 'secretariat_officer'),
};
