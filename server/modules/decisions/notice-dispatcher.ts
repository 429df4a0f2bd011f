/** A loop in the server that warns of approaching deadlines (procedures, measures) and sends pending webhooks. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { deliverPending, noticeDeadlines } from './notices.ts';
import { alertMeasureDeadlines } from '../implementation/measure-alerts.ts';
import { alertDormantBodies } from '../meetings/organ-activity.service.ts';
import { today } from '../../http/common-schemas.ts';

export const DISPATCH_INTERVAL_MS = 5_000;

export function startNoticeDispatcher(db: Kysely<DB>, onError: (e: unknown) => void, every = DISPATCH_INTERVAL_MS) {
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(async () => {
      try {
        await noticeDeadlines(db);
        await alertMeasureDeadlines(db);
        await alertDormantBodies(db, today());
        await deliverPending(db);
      } catch (e) {
        onError(e);
      }
    });
  }, every);
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
