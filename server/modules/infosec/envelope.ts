/**
 * What travels between nodes: an envelope naming its originating node, its one recipient and the
 * record's id and version, signed with the originator's Ed25519 key over its canonical JSON.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { canonicalJson } from '../../audit/audit-log.ts';

export interface Envelope {
  /**
   * `record`: a record's version (a tombstone when revoked); `ack`: a recipient acknowledged a
   * warning; `sighting`: a recipient saw it, found it a false positive, or added a note.
   */
  kind: 'record' | 'ack' | 'sighting';
  /** The state whose node signed the envelope (the record's originator, or the acknowledging state). */
  origin: string;
  recipient: string;
  id: string;
  version: number;
  sent_at: string;
  payload: Record<string, unknown>;
}

export interface Signed {
  envelope: Envelope;
  /** Ed25519 signature of canonicalJson(envelope), base64. */
  signature: string;
}

export function signEnvelope(envelope: Envelope, privateKey: KeyObject): Signed {
  return { envelope, signature: sign(null, Buffer.from(canonicalJson(envelope)), privateKey).toString('base64') };
}

/** The envelope when `signed` carries a valid signature of `publicKey`, else why not. */
export function verifyEnvelope(signed: Signed, publicKey: KeyObject): { envelope: Envelope } | { problem: string } {
  if (typeof signed?.signature !== 'string' || typeof signed.envelope !== 'object' || signed.envelope === null) return { problem: 'not a signed envelope' };
  const ok = verify(null, Buffer.from(canonicalJson(signed.envelope)), publicKey, Buffer.from(signed.signature, 'base64'));
  return ok ? { envelope: signed.envelope } : { problem: 'bad signature' };
}

export interface NodeKeys {
  privateKey: KeyObject;
  /** SPKI PEM, as peers configure it. */
  publicKeyPem: string;
}

/** The node's key pair from `dir/node-ed25519.pem`, created (mode 0600) on first use. */
export function loadNodeKeys(dir: string): NodeKeys {
  const file = path.join(dir, 'node-ed25519.pem');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    fs.writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  }
  return keysOf(createPrivateKey(fs.readFileSync(file)));
}

export function keysOf(privateKey: KeyObject): NodeKeys {
  return { privateKey, publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString() };
}

export const publicKeyOf = (pem: string) => createPublicKey(pem);
