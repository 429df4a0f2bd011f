import { performance } from 'node:perf_hooks';
import { readCsv } from '../server/http/tabular.ts';
const ROWS = Number(process.argv[2]);
const lines = ['code,parent_code,title,responsible_states,deadline,weight'];
for (let i = 0; i < ROWS; i++) lines.push(`M${i},${i % 10 ? `M${i - 1}` : ''},"Measure ${i}, with a comma",RU;KZ,2027-06-30,${1 + (i % 3)}`);
let t = performance.now();
const rows = readCsv(lines.join('\n'));
console.log('readCsv', performance.now() - t, rows.length);
