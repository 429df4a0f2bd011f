/**
 * Notices of the decision cycle: an inbox entry for every participant of the organ, and a signed
 * webhook delivery for every subscribed endpoint. Both are written in the change's transaction
 * (an outbox); webhooks are sent after commit by deliverPending().
 */
import { createHmac } from 'node:crypto';
import { webhookTargetProblem } from './webhook-targets.ts';
import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

export const NOTICE_EVENTS = ['draft_tabled', 'amendment_proposed', 'deadline_approaching', 'silence_broken', 'objection_lodged', 'decision_recorded', 'measure_deadline_approaching', 'measure_overdue', 'depositary_notification', 'dormant_body'] as const;
export type NoticeEvent = (typeof NOTICE_EVENTS)[number];

export const SIGNATURE_HEADER = 'x-secretariat-signature';
/** Failed attempts after which a delivery is dead-lettered. */
export const MAX_ATTEMPTS = 8;
/** Back-off before the second attempt; it doubles with each failure, up to MAX_BACKOFF_MS. */
export const FIRST_BACKOFF_MS = 10_000;
export const MAX_BACKOFF_MS = 3_600_000;
/** Deliveries sent to one endpoint per round, one after another (endpoints run concurrently). */
export const PER_ENDPOINT_BATCH = 10;

export interface Notice {
  event: NoticeEvent;
  draft: { id: string; organ_id: string; title: string };
  summary: string;
}

/** Users who take part in an organ's work: its officers, its delegates, national coordinators. */
function participants(db: Kysely<DB> | Transaction<DB>, organ: string) {
  return db
    .selectFrom('role_assignment')
    .select('user_id')
    .distinct()
    .where('revoked_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('role', '=', 'secretariat_officer'), eb.or([eb('organ_id', 'is', null), eb('organ_id', '=', organ)])]),
        eb.and([eb('role', '=', 'delegate'), eb('organ_id', '=', organ)]),
        eb('role', '=', 'national_coordinator'),
      ]),
    );
}

/** A query of the users (column `user_id`, each once) a notice goes to. */
type Recipients = SelectQueryBuilder<DB, 'role_assignment', { user_id: string }>;

/**
 * Inbox entries for the `recipients` and webhook deliveries for the endpoints subscribed to
 * `event`, in one statement (one round trip inside the change's transaction, docs/decisions/0018).
 */
async function deliver(trx: Transaction<DB>, recipients: Recipients, event: NoticeEvent, subjectId: string, summary: string, payload: Record<string, unknown>, at: string): Promise<void> {
  const body = JSON.stringify({ event, ...payload, summary, at });
  await trx
    .with('inbox', (w) => w.insertInto('notification').columns(['user_id', 'event', 'subject_id', 'summary', 'created_at'])
      .expression(w.selectFrom(recipients.as('r')).select(['r.user_id', sql<string>`${event}::text`.as('event'), sql<string>`${subjectId}::text`.as('subject_id'), sql<string>`${summary}::text`.as('summary'), sql<string>`${at}::timestamptz`.as('created_at')]))
      .returning('id'))
    .insertInto('webhook_delivery').columns(['webhook_id', 'event', 'payload', 'created_at', 'attempts'])
    .expression((eb) => eb.selectFrom('webhook').select(['webhook.id', sql<string>`${event}::text`.as('event'), sql<string>`${body}::jsonb`.as('payload'), sql<string>`${at}::timestamptz`.as('created_at'), sql<number>`0`.as('attempts')])
      .where('active', '=', true)
      .where(sql<boolean>`events && array[${event}, '*']::text[]`))
    .execute();
}

/** A notice about a draft, to the organ's participants. */
export async function notify(trx: Transaction<DB>, notice: Notice, at = new Date().toISOString()): Promise<void> {
  await deliver(trx, participants(trx, notice.draft.organ_id), notice.event, notice.draft.id, notice.summary, { draft: notice.draft.id, organ: notice.draft.organ_id, title: notice.draft.title }, at);
}

/** A notice about a measure, to the national coordinators of the states responsible for it. */
export async function notifyStates(trx: Transaction<DB>, states: string[], event: NoticeEvent, measure: { id: string; plan_id: string; title: string }, summary: string, at = new Date().toISOString()): Promise<void> {
  if (states.length === 0) return;
  const users = trx.selectFrom('role_assignment').select('user_id').distinct().where('revoked_at', 'is', null).where('role', '=', 'national_coordinator').where('state_iso2', 'in', states);
  await deliver(trx, users, event, measure.id, summary, { measure: measure.id, plan: measure.plan_id, title: measure.title }, at);
}

/**
 * A notice to the national coordinators of `states` and, with `secretariat`, to every Secretariat
 * officer: depositary notifications (to the parties) and dormant-body alerts (to the Secretariat
 * and the chair). `subject` names the record the notice is about.
 */
export async function notifyCoordinators(trx: Transaction<DB>, recipients: { states: string[]; secretariat?: boolean }, event: NoticeEvent, subject: { id: string; kind: string; title: string }, summary: string, at = new Date().toISOString()): Promise<void> {
  const users = trx
    .selectFrom('role_assignment')
    .select('user_id')
    .distinct()
    .where('revoked_at', 'is', null)
    .where((eb) => {
      const coordinators = recipients.states.length > 0 ? [eb.and([eb('role', '=', 'national_coordinator'), eb('state_iso2', 'in', recipients.states)])] : [];
      const officers = recipients.secretariat ? [eb('role', '=', 'secretariat_officer')] : [];
      return eb.or([...coordinators, ...officers, eb.lit(false)]);
    });
  await deliver(trx, users, event, subject.id, summary, { [subject.kind]: subject.id, title: subject.title }, at);
}

/** The signature a receiver recomputes: HMAC-SHA256 of the raw body with the webhook's secret. */
export const sign = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/**
 * The wait before attempt `attempts + 1` after `attempts` failures: exponential back-off with
 * "equal jitter" (half fixed, half random), so that endpoints that failed together do not all
 * retry at the same moment. `random` in [0, 1).
 */
export function backoffMs(attempts: number, random = Math.random()): number {
  const ceiling = Math.min(FIRST_BACKOFF_MS * 2 ** (attempts - 1), MAX_BACKOFF_MS);
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/**
 * One round of webhook delivery; returns how many were delivered. Endpoints are served
 * concurrently, each with its own deliveries in order, at most PER_ENDPOINT_BATCH per round and
 * stopping at its first failure, so a slow or failing endpoint delays only its own deliveries. A
 * failed delivery waits backoffMs() before its next attempt, and after MAX_ATTEMPTS it is
 * dead-lettered (dead_at). The target is checked again before sending (webhook-targets.ts).
 */
export async function deliverPending(db: Kysely<DB>, send: typeof fetch = fetch, now = () => Date.now()): Promise<number> {
  const pending = await db
    .selectFrom('webhook_delivery')
    .innerJoin('webhook', 'webhook.id', 'webhook_delivery.webhook_id')
    .select(['webhook_delivery.id', 'webhook_delivery.webhook_id', 'webhook_delivery.event', 'webhook_delivery.payload', 'webhook_delivery.attempts', 'webhook.url', 'webhook.secret'])
    .where('webhook_delivery.delivered_at', 'is', null)
    .where('webhook_delivery.dead_at', 'is', null)
    .where((eb) => eb.or([eb('webhook_delivery.next_attempt_at', 'is', null), eb('webhook_delivery.next_attempt_at', '<=', new Date(now()).toISOString())]))
    .orderBy('webhook_delivery.id')
    .limit(500)
    .execute();
  const byEndpoint = new Map<string, typeof pending>();
  for (const d of pending) {
    const queue = byEndpoint.get(d.webhook_id) ?? [];
    if (queue.length < PER_ENDPOINT_BATCH) byEndpoint.set(d.webhook_id, [...queue, d]);
  }
  const attempt = async (d: (typeof pending)[number]): Promise<boolean> => {
    const body = JSON.stringify(d.payload);
    let error = (await webhookTargetProblem(d.url)) ?? null;
    if (error) error = `target refused: ${error}`;
    else {
      try {
        const res = await send(d.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-secretariat-event': d.event, 'x-secretariat-delivery': String(d.id), [SIGNATURE_HEADER]: sign(d.secret, body) },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(5_000),
        });
        if (!res.ok) error = `HTTP ${res.status}`;
      } catch (e) {
        error = (e as Error).message;
      }
    }
    const attempts = d.attempts + 1;
    const at = now();
    await db
      .updateTable('webhook_delivery')
      .set({
        attempts,
        last_error: error,
        delivered_at: error ? null : new Date(at).toISOString(),
        next_attempt_at: error && attempts < MAX_ATTEMPTS ? new Date(at + backoffMs(attempts)).toISOString() : null,
        dead_at: error && attempts >= MAX_ATTEMPTS ? new Date(at).toISOString() : null,
      })
      .where('id', '=', d.id)
      .execute();
    return error === null;
  };
  const counts = await Promise.all(
    [...byEndpoint.values()].map(async (queue) => {
      let delivered = 0;
      for (const d of queue) {
        if (!(await attempt(d))) break;
        delivered++;
      }
      return delivered;
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/** Warns the participants once when a procedure's deadline is less than `hours` away. */
export async function noticeDeadlines(db: Kysely<DB>, now = Date.now(), hours = 24): Promise<number> {
  const due = await db
    .selectFrom('decision_procedure')
    .innerJoin('draft', 'draft.id', 'decision_procedure.draft_id')
    .select(['decision_procedure.id', 'decision_procedure.deadline', 'draft.id as draft_id', 'draft.organ_id', 'draft.title'])
    .where('draft.status', '=', 'in_procedure')
    .where('decision_procedure.deadline_notice_at', 'is', null)
    .where('decision_procedure.deadline', 'is not', null)
    .where('decision_procedure.deadline', '<=', new Date(now + hours * 3_600_000).toISOString())
    .execute();
  for (const p of due) {
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('decision_procedure').set({ deadline_notice_at: new Date(now).toISOString() }).where('id', '=', p.id).execute();
      const deadline = new Date(p.deadline!).toISOString();
      await notify(trx, { event: 'deadline_approaching', draft: { id: p.draft_id, organ_id: p.organ_id, title: p.title }, summary: `The deadline of "${p.title}" is ${deadline}` });
    });
  }
  return due.length;
}
