/**
 * An exclusive lock on a PGlite data directory, held by one live process. PGlite has no lock
 * across processes, and two openers silently lose writes. The lock file names its holder's PID,
 * so after a crash the next start takes the lock over at once instead of waiting for it to expire.
 */
import fs from 'node:fs';
import path from 'node:path';

export class DataDirInUseError extends Error {}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes the lock or throws DataDirInUseError; returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, 'secretariat.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(fs.readFileSync(file, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
        throw new DataDirInUseError(
          `The data directory ${dataDir} is in use by another Secretariat process (pid ${holder}; is the server running?). Stop it first, or set SECRETARIAT_DATA_DIR to another directory.`,
        );
      }
      // The holder died without releasing: the lock is stale.
      fs.rmSync(file, { force: true });
    }
  }
  throw new DataDirInUseError(`Could not lock the data directory ${dataDir}: another process is starting on it.`);
}
