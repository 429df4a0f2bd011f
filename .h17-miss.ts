import { realMisses } from './bench/real-names.ts';
const lines = realMisses([]).filter((l) => l.startsWith('tennis'));
console.log(lines.length); for (const l of lines.filter((_, i) => i % 4 === 0).slice(0, 30)) console.log(l);
