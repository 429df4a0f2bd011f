/**
 * An exclusive lock on a PGlite data directory, held by one live process. PGlite has no lock
 * across processes, and two openers silently lose writes.
 *
 * The lock is a Unix domain socket the holder listens on, `<data dir>.lock.sock` beside the data
 * directory (docs/decisions/0007; not inside it, where PGlite's dump of the directory would meet it): the kernel closes it when the process dies, however it dies,
 * so a dead process never holds the lock. A PID file could not tell a dead holder from a new
 * process that reused its PID (routine in containers); a socket nobody listens on refuses
 * connections, whoever has that PID now. No native addon is needed (flock would need one).
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createHash } from 'node:crypto';

export class DataDirInUseError extends Error {}

/** Longest Unix socket path the platforms accept (sun_path is 104–108 bytes). */
const MAX_SOCKET_PATH = 100;

/** The lock's socket file beside the data directory `dataDir` (which must exist). */
export function lockSocketFile(dataDir: string): string {
  const real = fs.realpathSync(dataDir);
  return path.join(path.dirname(real), `${path.basename(real)}.lock.sock`);
}

/** The socket's address: a file beside the data directory, or (path too long, Linux) an abstract name. */
function lockAddress(dataDir: string): { address: string; file: string | null } {
  const file = lockSocketFile(dataDir);
  if (process.platform === 'win32') return { address: `\\\\?\\pipe\\secretariat-${createHash('sha256').update(file).digest('hex').slice(0, 32)}`, file: null };
  if (Buffer.byteLength(file) <= MAX_SOCKET_PATH) return { address: file, file };
  return { address: `\0secretariat-${createHash('sha256').update(file).digest('hex').slice(0, 32)}`, file: null };
}

const listen = (server: net.Server, address: string) =>
  new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address, () => {
      server.off('error', reject);
      resolve();
    });
  });

/** Whether a live process listens at `address`. */
const someoneListens = (address: string) =>
  new Promise<boolean>((resolve) => {
    const probe = net.connect(address);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });

/** Takes the lock or throws DataDirInUseError; resolves to the release function. */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const { address, file } = lockAddress(dataDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    const server = net.createServer((socket) => socket.destroy());
    try {
      await listen(server, address);
      // The lock must not keep the process alive.
      server.unref();
      return () => new Promise<void>((resolve) => server.close(() => resolve()));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
      if (file === null || (await someoneListens(address))) {
        throw new DataDirInUseError(`The data directory ${dataDir} is in use by another Secretariat process (is the server running?). Stop it first, or set SECRETARIAT_DATA_DIR to another directory.`);
      }
      // The socket file of a process that died: nobody listens on it.
      fs.rmSync(file, { force: true });
    }
  }
  throw new DataDirInUseError(`Could not lock the data directory ${dataDir}: another process is starting on it.`);
}
