import { evaluateRealNames } from './bench/real-names.ts';
const f = (x: number) => (Number.isNaN(x) ? '  n/a' : x.toFixed(3));
for (const { engine: e, baseline: b } of evaluateRealNames([])) console.log(`${e.set.padEnd(15)} ${String(e.positives).padStart(5)} / ${String(e.negatives).padEnd(5)}  ${f(e.recall1)} ${f(e.recall10)} ${f(e.fpr)}   ${f(b.recall1)} ${f(b.recall10)} ${f(b.fpr)}`);
