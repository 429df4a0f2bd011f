/**
 * The sessions kept in memory (server/http/session-cache.ts) are read again after any change to
 * sessions, users or roles made by this process: the functions making such changes call
 * `sessionsChanged` once they committed, so the change takes effect on the very next request
 * even when it was not made through a request (e.g. a use-case called by a job or a test).
 */
let epoch = 0;
export const sessionsChanged = (): void => { epoch++; };
export const sessionEpoch = (): number => epoch;
