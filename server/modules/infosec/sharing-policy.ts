/**
 * Sharing policies of information-security records: who may receive a record, under which
 * Traffic Light Protocol marking, and how a child record may narrow (never widen) its parent's.
 * Pure: no database, no network. Source of the markings: FIRST, "Traffic Light Protocol (TLP)
 * version 2.0" (2022), and the STIX 2.1 TLP 2.0 marking definitions published by OASIS.
 */

/** TLP 2.0 markings, least to most restrictive. */
export const TLP_LEVELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export type Tlp = (typeof TLP_LEVELS)[number];

/** The STIX 2.1 marking-definition ids of TLP 2.0 (OASIS CTI TC, TLP 2.0 extension). */
export const TLP_MARKING_IDS: Record<Tlp, string> = {
  CLEAR: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  GREEN: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  AMBER: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'AMBER+STRICT': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  RED: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

/** Permissible Actions Protocol (FIRST PAP): what recipients may do with the information. */
export const PAP_LEVELS = ['CLEAR', 'GREEN', 'AMBER', 'RED'] as const;
export type Pap = (typeof PAP_LEVELS)[number];

/**
 * Who a record is for. `community` is every state of the sharing network (TLP:CLEAR and GREEN);
 * `states` names recipient states; `group` names a sharing group resolved to its states.
 */
export type Audience = { kind: 'community' } | { kind: 'states'; states: string[] } | { kind: 'group'; group: string };

export interface SharingPolicy {
  tlp: Tlp;
  pap: Pap;
  audience: Audience;
}

/** What resolving an audience needs: the network's states and the sharing groups' members. */
export interface SharingContext {
  community: readonly string[];
  groups: ReadonlyMap<string, readonly string[]>;
}

const rank = (tlp: Tlp) => TLP_LEVELS.indexOf(tlp);

/**
 * Why `policy` is inconsistent, or undefined when it holds: CLEAR and GREEN go to the whole
 * community; AMBER and AMBER+STRICT to named states or a sharing group; RED to named states only
 * ("for the eyes and ears of individual recipients only", TLP 2.0), so never to a group.
 */
export function policyProblem(policy: SharingPolicy, context: SharingContext): string | undefined {
  const { tlp, audience } = policy;
  if (tlp === 'CLEAR' || tlp === 'GREEN') {
    return audience.kind === 'community' ? undefined : `TLP:${tlp} is shared with the whole community; name states only with AMBER, AMBER+STRICT or RED`;
  }
  if (audience.kind === 'community') return `TLP:${tlp} needs named recipient states${tlp === 'RED' ? '' : ' or a sharing group'}`;
  if (audience.kind === 'group') {
    if (tlp === 'RED') return 'TLP:RED goes to named recipient states only, never to a group';
    if (!context.groups.has(audience.group)) return `unknown sharing group "${audience.group}"`;
    return undefined;
  }
  if (audience.states.length === 0) return 'name at least one recipient state';
  const outside = audience.states.filter((s) => !context.community.includes(s));
  return outside.length ? `not in the sharing network: ${outside.join(', ')}` : undefined;
}

/** The states entitled to receive a record under `policy` (sorted, without duplicates). */
export function recipients(policy: SharingPolicy, context: SharingContext): string[] {
  const { audience } = policy;
  const states = audience.kind === 'community' ? context.community : audience.kind === 'group' ? (context.groups.get(audience.group) ?? []) : audience.states;
  return [...new Set(states)].sort();
}

/** Whether `state` may receive a record: its originator always may. */
export function mayReceive(policy: SharingPolicy, originator: string, state: string, context: SharingContext): boolean {
  return state === originator || recipients(policy, context).includes(state);
}

/**
 * Why `child` would widen `parent`, or undefined when it narrows or keeps it: a child is at least
 * as restrictive in TLP and PAP, and its recipients are among the parent's.
 */
export function wideningProblem(parent: SharingPolicy, child: SharingPolicy, context: SharingContext): string | undefined {
  if (rank(child.tlp) < rank(parent.tlp)) return `TLP:${child.tlp} is wider than the parent's TLP:${parent.tlp}`;
  if (PAP_LEVELS.indexOf(child.pap) < PAP_LEVELS.indexOf(parent.pap)) return `PAP:${child.pap} is wider than the parent's PAP:${parent.pap}`;
  const allowed = new Set(recipients(parent, context));
  const extra = recipients(child, context).filter((s) => !allowed.has(s));
  return extra.length ? `recipients beyond the parent's: ${extra.join(', ')}` : undefined;
}
