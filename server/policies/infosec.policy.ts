import type { Rule } from './policy.ts';
import { hasRole, type Actor } from './actor.ts';

/** What the information-security rules need: the node's state and, for a record, who may see it. */
export interface InfosecSubject {
  /** The state this node is run for. */
  node: string;
  record?: { originator: string; tlp: string; recipients: string[] };
}

const certOf = (a: Actor, state: string) => hasRole(a, 'cert_officer', { state });
const onNode = (rule: (a: Actor, s: InfosecSubject) => boolean): Rule => (a, s) => s !== undefined && rule(a, s as InfosecSubject);

/**
 * A node serves one state's CERT officers. They read what the sharing policy sends their state
 * (TLP:CLEAR is for anyone); only the originating state issues, widens or revokes a record; only a
 * recipient acknowledges. Administrators approve peers' keys and define sharing groups, and read the
 * node's status, but never records' contents.
 */
export const infosecRules: Record<string, Rule> = {
  'infosec.records.read': onNode((a, { node, record }) => record?.tlp === 'CLEAR' || (certOf(a, node) && (!record || record.originator === node || record.recipients.includes(node)))),
  'infosec.records.issue': onNode((a, { node }) => certOf(a, node)),
  'infosec.records.revoke': onNode((a, { node, record }) => certOf(a, node) && record?.originator === node),
  // Handling an incident (status, checklist, aftercare) and widening a record's audience: the originator's acts.
  'infosec.records.handle': onNode((a, { node, record }) => certOf(a, node) && record?.originator === node),
  'infosec.records.acknowledge': onNode((a, { node, record }) => certOf(a, node) && record !== undefined && record.originator !== node && record.recipients.includes(node)),
  'infosec.taxii.read': onNode((a, { node }) => certOf(a, node)),
  'infosec.node.read': onNode((a, { node }) => hasRole(a, 'administrator') || certOf(a, node)),
  'infosec.node.administer': (a) => hasRole(a, 'administrator'),
  // Exercises are planned, and their after-action findings recorded, by the Secretariat for all members.
  'infosec.exercises.plan': (a) => hasRole(a, 'secretariat_officer'),
};
