/**
 * A loop in the server that warns of approaching deadlines (procedures, measures) and of dormant
 * bodies, and sends pending webhooks. Webhook rounds run on their own chain, so a slow endpoint never delays the
 * deadline notices (and, within a round, never the other endpoints: see deliverPending).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { deliverPending, noticeDeadlines } from './notices.ts';
import { alertMeasureDeadlines } from '../implementation/measure-alerts.ts';
import { alertDormantBodies } from '../meetings/organ-activity.service.ts';
import { today } from '../../http/common-schemas.ts';

export const DISPATCH_INTERVAL_MS = 5_000;

export function startNoticeDispatcher(db: Kysely<DB>, onError: (e: unknown) => void, every = DISPATCH_INTERVAL_MS) {
  let notices: Promise<void> = Promise.resolve();
  let webhooks: Promise<void> = Promise.resolve();
  let webhookRoundRunning = false;
  const timer = setInterval(() => {
    notices = notices.then(async () => {
      try {
        await noticeDeadlines(db);
        await alertMeasureDeadlines(db);
        await alertDormantBodies(db, today());
      } catch (e) {
        onError(e);
      }
    });
    // A round still running (a slow endpoint) is not queued behind: the next tick starts one.
    if (webhookRoundRunning) return;
    webhookRoundRunning = true;
    webhooks = deliverPending(db)
      .then(() => undefined, onError)
      .finally(() => { webhookRoundRunning = false; });
  }, every);
  return {
    stop: async () => {
      clearInterval(timer);
      await Promise.all([notices, webhooks]);
    },
  };
}
