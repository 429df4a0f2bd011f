/** Passwords (argon2id) and random secrets (stored only as SHA-256 hashes). */
import { createHash, randomBytes } from 'node:crypto';
import { Algorithm, hash, verify } from '@node-rs/argon2';

export const MIN_PASSWORD_LENGTH = 12;

export const hashPassword = (password: string) => hash(password, { algorithm: Algorithm.Argon2id });

// Verifying against this when the user does not exist keeps the answer time the same.
let dummy: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    dummy ??= hashPassword('not a real password');
    await verify(await dummy, password);
    return false;
  }
  return verify(passwordHash, password);
}

export const randomSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
