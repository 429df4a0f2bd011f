/**
 * The incident-handling procedure: statuses in order and the steps of the standard operating
 * procedure to complete before an incident leaves each status. The procedure itself is data
 * (data/infosec/incident-procedure.json, with ru/zh); these rules read it and import no database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../config.ts';

type Text = { en: string; ru: string; zh: string };
export interface Procedure {
  statuses: { id: string; label: Text }[];
  steps: { id: string; status: string; title: Text }[];
}

let cached: Procedure | undefined;
/** The procedure from data/infosec/incident-procedure.json (read once). */
export function procedure(): Procedure {
  cached ??= JSON.parse(fs.readFileSync(path.join(projectRoot, 'data', 'infosec', 'incident-procedure.json'), 'utf8')) as Procedure;
  return cached;
}

/** The statuses in handling order: reported → triaged → contained → recovered → closed. */
export const statusOrder = (p: Procedure) => p.statuses.map((s) => s.id);

/**
 * Why an incident in `from`, with `ticked` steps done, may not move to `to`, or undefined when it
 * may: handling moves one status forward at a time, and only once the current status's steps are done.
 */
export function transitionProblem(p: Procedure, from: string, to: string, ticked: readonly string[]): string | undefined {
  const order = statusOrder(p);
  const i = order.indexOf(from);
  const j = order.indexOf(to);
  if (j === -1) return `unknown status "${to}"`;
  if (j !== i + 1) return `an incident that is ${from} moves next to ${order[i + 1] ?? 'nothing (it is closed)'}, not ${to}`;
  const open = p.steps.filter((s) => s.status === from && !ticked.includes(s.id)).map((s) => s.id);
  return open.length ? `steps of "${from}" not done: ${open.join(', ')}` : undefined;
}

/**
 * Why step `step` may not be ticked (or unticked) while the incident is `status`, or undefined: a
 * step belongs to a status, and is ticked during that status or an earlier one's, never once the
 * incident has moved past it (what was done to leave a status stays done).
 */
export function tickProblem(p: Procedure, status: string, step: string): string | undefined {
  const s = p.steps.find((x) => x.id === step);
  if (!s) return `unknown step "${step}"`;
  const order = statusOrder(p);
  if (order.indexOf(s.status) < order.indexOf(status)) return `step "${step}" belongs to "${s.status}", which the incident has left`;
  return undefined;
}
