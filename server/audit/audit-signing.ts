/**
 * The audit log's signing key and signed checkpoints (docs/decisions/0007).
 *
 * A hash chain alone shows that an event was altered or removed in the middle, but not that the
 * chain was rewritten from some event on, cut at the end, emptied or extended by someone who can
 * write to the database: they can recompute every hash. So:
 * - each event's hash is signed with an Ed25519 key (RFC 8032, node:crypto) kept OUTSIDE the
 *   database, in a file (SECRETARIAT_AUDIT_KEY_FILE, by default in the data directory), created
 *   on first start; a rewritten or appended event cannot carry a valid signature;
 * - signed checkpoints (event count + head hash) are written to the database and appended to a
 *   file beside the key, so that removing the last events (or all, TRUNCATE) is detected against
 *   the last checkpoint even when the database's own checkpoints were removed too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash, createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, sign, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { AuditContent } from './audit.tables.ts';
import { canonicalJson } from './audit-log.ts';
import { chainAll } from './audit-chainer.ts';

export interface AuditKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The first 16 hex digits of the SHA-256 of the public key (DER): names the key in checkpoints. */
  id: string;
  /** Where checkpoints are appended, beside the key file. */
  checkpointFile: string;
}

export interface Checkpoint {
  at: string;
  /** Events in the chain when signed; the head is event number `events`. */
  events: number;
  head_hash: string;
  key_id: string;
  /** Ed25519 signature (base64) of checkpointMessage(). */
  signature: string;
}

/** Signed checkpoints are also appended to a file beside the key, named after it: `<key>.checkpoints.jsonl`. */
export const checkpointFileOf = (keyFile: string) => `${keyFile.replace(/\.pem$/, '')}.checkpoints.jsonl`;

const keyId = (publicKey: KeyObject) => createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);

/** Reads the PEM (PKCS#8) Ed25519 key at `file`, creating it (mode 0600) if it does not exist. */
export function loadOrCreateAuditKey(file: string): AuditKey {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    try {
      fs.writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      // Another process created it first: use theirs.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  const privateKey = createPrivateKey(fs.readFileSync(file));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file}: the audit signing key must be an Ed25519 private key (PEM)`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, id: keyId(publicKey), checkpointFile: checkpointFileOf(file) };
}

let processKey: AuditKey | undefined;

/** Sets the key recordEvent() signs with in this process (undefined: events are not signed). */
export function useAuditKey(key: AuditKey | undefined): void {
  processKey = key;
}

export const currentAuditKey = () => processKey;

/** The signature (base64) of an event's hash with the process's key, or null without one. */
export function signEventHash(hash: string): string | null {
  return processKey ? sign(null, Buffer.from(hash, 'hex'), processKey.privateKey).toString('base64') : null;
}

/** What a writer puts in an unchained event, as the database gives it back (JSON values parsed). */
export interface PendingContent extends AuditContent {
  id: string;
  at: string;
}

// The MAC key is derived from the private key, so it lives outside the database with it.
const macKeys = new WeakMap<AuditKey, Buffer>();
function macKeyOf(key: AuditKey): Buffer {
  let k = macKeys.get(key);
  if (!k) {
    k = createHash('sha256').update('secretariat-audit-mac/1\0').update(key.privateKey.export({ type: 'pkcs8', format: 'der' })).digest();
    macKeys.set(key, k);
  }
  return k;
}

/**
 * HMAC-SHA256 (hex) of an unchained event by the process that wrote it (a few microseconds, where
 * an Ed25519 signature costs tens): the chainer signs only events whose MAC checks, so a row put
 * into audit_pending by someone who can write to the database but lacks the key is chained
 * unsigned, and verify names it.
 */
export function eventMac(key: AuditKey, e: PendingContent): string {
  return createHmac('sha256', macKeyOf(key)).update(canonicalJson({ ...e, before: e.before ?? null, after: e.after ?? null })).digest('hex');
}

export function eventMacValid(key: AuditKey, e: PendingContent, mac: string | null): boolean {
  if (mac === null || !/^[0-9a-f]{64}$/.test(mac)) return false;
  return timingSafeEqual(Buffer.from(eventMac(key, e), 'hex'), Buffer.from(mac, 'hex'));
}

export function eventSignatureValid(key: AuditKey, hash: string, signature: string): boolean {
  return verify(null, Buffer.from(hash, 'hex'), key.publicKey, Buffer.from(signature, 'base64'));
}

const checkpointMessage = (c: Pick<Checkpoint, 'at' | 'events' | 'head_hash'>) => Buffer.from(`secretariat-audit-checkpoint/1 ${c.events} ${c.head_hash} ${c.at}`);

export function checkpointSignatureValid(key: AuditKey, c: Checkpoint): boolean {
  return c.key_id === key.id && verify(null, checkpointMessage(c), key.publicKey, Buffer.from(c.signature, 'base64'));
}

/**
 * Chains the committed events still pending (waiting for a chainer of another process to finish
 * its pass), then signs a checkpoint of the chain's head: see checkpointHead().
 */
export async function writeCheckpoint(db: Kysely<DB>, key: AuditKey): Promise<Checkpoint | undefined> {
  await chainAll(db, { key });
  return checkpointHead(db, key);
}

/**
 * Signs the chain's current head and count; stores the checkpoint in the database and appends it
 * to the key's checkpoint file. Answers undefined when the log is empty or the head is already
 * checkpointed.
 */
export async function checkpointHead(db: Kysely<DB>, key: AuditKey): Promise<Checkpoint | undefined> {
  const head = await db.selectFrom('audit_event').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  if (!head) return undefined;
  const events = Number(head.seq);
  const last = await db.selectFrom('audit_checkpoint').select('events').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (last && Number(last.events) === events) return undefined;
  const unsigned = { at: new Date().toISOString(), events, head_hash: head.hash };
  const checkpoint: Checkpoint = { ...unsigned, key_id: key.id, signature: sign(null, checkpointMessage(unsigned), key.privateKey).toString('base64') };
  await db.insertInto('audit_checkpoint').values(checkpoint).execute();
  fs.appendFileSync(key.checkpointFile, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  return checkpoint;
}

/** The checkpoints kept in the key's file (the copy outside the database). */
export function readCheckpointFile(key: AuditKey): Checkpoint[] {
  if (!fs.existsSync(key.checkpointFile)) return [];
  return fs.readFileSync(key.checkpointFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Checkpoint);
}
