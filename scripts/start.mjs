#!/usr/bin/env node
// `npm start`: the portal rebuilt if its sources changed, then `secretariat serve` with the
// arguments given, in one Node process (checking the portal in a second one cost ~0.05 s CPU and
// more wall time of every start; docs/decisions/0014-start-and-memory.md).
import { buildWeb } from './build.mjs';

buildWeb();
process.argv.splice(2, 0, 'serve');
await import('../bin/secretariat.js');
