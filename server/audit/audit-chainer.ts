/**
 * The audit chainer (docs/decisions/0013-audit-chain-off-the-write-path.md).
 *
 * Changes write their audit events unchained (recordEvent → audit_pending) inside their own
 * transaction. chainPending() links committed events into audit_event's hash chain and signs
 * them; one pass at a time per database (a transaction-level advisory lock). A pass takes every
 * committed event still pending, ordered by writing transaction id then by order inside it, and
 * removes them from audit_pending in the same transaction. No high-water mark is kept (an id or a
 * txid is not commit order on PostgreSQL): an event whose transaction commits late stays pending
 * until a later pass takes it, so none is ever passed over.
 *
 * startAuditChainer() runs passes in a server process: woken after every write request, polling
 * for writes of other processes (CLI, background work), and signing a checkpoint of the head
 * after its passes, at most once per `checkpointMs`, so a cut of recent events is detected.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { sign } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { GENESIS, hashEvent } from './audit-log.ts';
import { checkpointHead, currentAuditKey, eventMacValid, type AuditKey, type PendingContent } from './audit-signing.ts';

// An arbitrary constant naming the chainer's advisory lock (the one writes took before 0019).
const CHAIN_LOCK = 7_274_001;
/** Events linked by one pass (one transaction) at most. */
export const CHAIN_BATCH = 1000;

const iso = (t: Date | string) => (t instanceof Date ? t : new Date(t)).toISOString();

export interface ChainOptions {
  /** Signs the events whose MAC checks with this key; by default the process's key. */
  key?: AuditKey | undefined;
  /** Wait for a pass of another chainer to end (true), or answer 'busy' (false, the default). */
  wait?: boolean;
  limit?: number;
}

/**
 * One pass: links up to `limit` committed pending events into the chain, in one transaction.
 * Answers how many it linked, or 'busy' when another pass holds the chain.
 */
export async function chainPending(db: Kysely<DB>, options: ChainOptions = {}): Promise<number | 'busy'> {
  const key = 'key' in options ? options.key : currentAuditKey();
  const limit = options.limit ?? CHAIN_BATCH;
  return db.transaction().execute(async (trx) => {
    if (options.wait) await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
    else if (!(await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${CHAIN_LOCK}) as ok`.execute(trx)).rows[0]!.ok) return 'busy';
    // Every committed event still pending, whatever its id or its transaction's: a pending row
    // leaves only by being chained (trigger 0019), so one whose transaction commits late is
    // simply taken by a later pass. Under the lock, this statement's snapshot sees the previous
    // pass's work (a lock is released after its transaction's commit is visible).
    const pending = await trx
      .selectFrom('audit_pending')
      .selectAll()
      .orderBy('txid')
      .orderBy('n')
      .limit(limit)
      .execute();
    if (pending.length === 0) return 0;
    const head = await trx.selectFrom('audit_event').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const ids = pending.map((p) => p.id);
    // An id already chained is a replayed pending row: chained again, but unsigned.
    const replayed = new Set((await trx.selectFrom('audit_event').select('event_id').where('event_id', 'in', ids).execute()).map((r) => r.event_id));
    let seq = Number(head?.seq ?? 0);
    let prev = head?.hash ?? GENESIS;
    const rows = pending.map((p) => {
      const content: PendingContent = { id: p.id, at: iso(p.at), actor: p.actor, acting_for: p.acting_for, action: p.action, subject_type: p.subject_type, subject_id: p.subject_id, before: p.before, after: p.after };
      const chained = { seq: ++seq, at: content.at, actor: p.actor, acting_for: p.acting_for, action: p.action, subject_type: p.subject_type, subject_id: p.subject_id, before: p.before ?? null, after: p.after ?? null, prev_hash: prev };
      const hash = hashEvent(chained);
      prev = hash;
      const authentic = key !== undefined && !replayed.has(p.id) && eventMacValid(key, content, p.mac);
      return {
        ...chained,
        before: JSON.stringify(chained.before),
        after: JSON.stringify(chained.after),
        hash,
        signature: authentic ? sign(null, Buffer.from(hash, 'hex'), key.privateKey).toString('base64') : null,
        event_id: replayed.has(p.id) ? null : p.id,
      };
    });
    // Bound the parameters of one statement (13 per row).
    for (let i = 0; i < rows.length; i += 500) await trx.insertInto('audit_event').values(rows.slice(i, i + 500) as never).execute();
    await trx.deleteFrom('audit_pending').where('id', 'in', ids).execute();
    return pending.length;
  });
}

/** Passes (waiting for the chain) until no committed event below the xmin is left. */
export async function chainAll(db: Kysely<DB>, options: Omit<ChainOptions, 'wait'> = {}): Promise<number> {
  let total = 0;
  for (;;) {
    const n = (await chainPending(db, { ...options, wait: true })) as number;
    total += n;
    if (n < (options.limit ?? CHAIN_BATCH)) return total;
  }
}

/**
 * Links every event committed before the call (waiting for a pass of another chainer to end):
 * read-your-writes for the audit list and the tests. Answers how many it linked.
 */
export async function settleAuditLog(db: Kysely<DB>): Promise<number> {
  return chainAll(db);
}

export interface AuditChainer {
  /** A write may have committed: run a pass soon. */
  wake(): void;
  /** Stops polling, runs a last pass and signs a last checkpoint (with a key). */
  stop(): Promise<void>;
}

export interface ChainerOptions {
  onError?: (e: unknown) => void;
  /** Polling for events written by other processes. */
  pollMs?: number;
  /** Least time between two signed checkpoints while events are being chained. */
  checkpointMs?: number;
  /** Wait after a wake before a pass, to chain more events per pass. */
  gatherMs?: number;
}

export function startAuditChainer(db: Kysely<DB>, { onError = (e) => console.error('audit chainer:', e), pollMs = 250, checkpointMs = 1000, gatherMs = 5 }: ChainerOptions = {}): AuditChainer {
  let active: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let unsigned = false; // events chained since the last checkpoint
  let lastCheckpoint = 0;
  let checkpointTimer: NodeJS.Timeout | undefined;

  const checkpoint = async () => {
    const key = currentAuditKey();
    if (!key || !unsigned) return;
    clearTimeout(checkpointTimer);
    checkpointTimer = undefined;
    unsigned = false;
    lastCheckpoint = Date.now();
    await checkpointHead(db, key);
  };
  const scheduleCheckpoint = async () => {
    const wait = lastCheckpoint + checkpointMs - Date.now();
    if (wait <= 0) await checkpoint();
    else if (!checkpointTimer) {
      checkpointTimer = setTimeout(() => { checkpointTimer = undefined; void checkpoint().catch(onError); }, wait);
      checkpointTimer.unref();
    }
  };
  const pass = async () => {
    for (let busy = 0; ;) {
      const n = await chainPending(db);
      if (n === 'busy') {
        // Another process's pass: it may not see our last events, so try again shortly.
        if (++busy > 50) return;
        await delay(5);
        continue;
      }
      if (n > 0) unsigned = true;
      if (n < CHAIN_BATCH) break;
    }
    await scheduleCheckpoint();
  };
  const wake = () => {
    if (stopped) return;
    if (active) {
      again = true;
      return;
    }
    active = (async () => {
      try {
        // Writes come in bursts: a few milliseconds gather more of them into one pass.
        if (gatherMs > 0) await delay(gatherMs);
        do {
          again = false;
          await pass();
        } while (again && !stopped);
      } catch (e) {
        onError(e);
      } finally {
        active = undefined;
      }
    })();
  };
  const poll = setInterval(wake, pollMs);
  poll.unref();
  wake(); // events left unchained by a process that stopped or crashed
  return {
    wake,
    stop: async () => {
      stopped = true;
      clearInterval(poll);
      await active;
      try {
        await pass();
        await checkpoint();
      } catch (e) {
        onError(e);
      }
      clearTimeout(checkpointTimer);
    },
  };
}
