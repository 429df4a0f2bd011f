/**
 * Recall of Chinese title search: character bigrams (what search uses) against word segmentation
 * with ICU (Intl.Segmenter) at indexing and at query time, and against a plain substring match,
 * on every Chinese document title and organ name in the reference data. Queries are what a reader types: a word of the
 * title as ICU cuts it, any 2–4 characters of it, and two of its words with a space between.
 * Prints recall and the mean number of documents returned per query, per approach, and the
 * ratio of bigram recall to ICU recall.  Run: npm run bench:search
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { bigrams } from '../server/modules/search/query-terms.ts';

const dir = path.join(import.meta.dirname, '..', 'data', 'sco');
const rows = (file: string) => (fs.existsSync(path.join(dir, file)) ? (parse(fs.readFileSync(path.join(dir, file)), { columns: true }) as Record<string, string>[]) : []);
// Document titles, and organ names (titles too, and many more of them while few documents have Chinese titles).
const titles = [...new Set([...rows('documents.csv').map((r) => r.title_zh), ...rows('organs.csv').map((r) => r.name_zh)].filter((t): t is string => Boolean(t)))];
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const words = (s: string) => [...segmenter.segment(s)].filter((w) => w.isWordLike).map((w) => w.segment);

// A small deterministic generator, so every run measures the same queries.
let seed = 42;
const rand = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), seed % n);

const queries: { q: string; target: string; shape: string }[] = [];
for (const t of titles) {
  const ws = words(t);
  for (const w of ws.filter((w) => [...w].length >= 2)) queries.push({ q: w, target: t, shape: 'icu word' });
  const chars = [...t];
  for (let i = 0; i < 3 && chars.length >= 2; i++) {
    const len = 2 + rand(Math.min(3, chars.length - 1));
    const from = rand(chars.length - len + 1);
    queries.push({ q: chars.slice(from, from + len).join(''), target: t, shape: 'substring' });
  }
  if (ws.length >= 3) queries.push({ q: `${ws[0]} ${ws[ws.length - 1]}`, target: t, shape: 'two words' });
}

const index = new Map(titles.map((t) => [t, new Set(words(t))]));
const approaches: Record<string, (q: string, title: string) => boolean> = {
  bigrams: (q, t) => q.split(/\s+/).flatMap(bigrams).every((g) => t.includes(g)),
  icu: (q, t) => q.split(/\s+/).flatMap(words).every((w) => index.get(t)!.has(w)),
  substring: (q, t) => t.includes(q),
};

console.log(`${titles.length} Chinese titles, ${queries.length} queries`);
const recall: Record<string, number> = {};
for (const [name, match] of Object.entries(approaches)) {
  let found = 0;
  let returned = 0;
  const byShape = new Map<string, [number, number]>();
  for (const { q, target, shape } of queries) {
    const hits = titles.filter((t) => match(q, t));
    const ok = hits.includes(target);
    found += ok ? 1 : 0;
    returned += hits.length;
    const s = byShape.get(shape) ?? [0, 0];
    byShape.set(shape, [s[0] + (ok ? 1 : 0), s[1] + 1]);
  }
  recall[name] = found / queries.length;
  const shapes = [...byShape].map(([k, [f, n]]) => `${k} ${(f / n).toFixed(3)}`).join(', ');
  console.log(`${name.padEnd(9)} recall ${recall[name]!.toFixed(3)}  mean results/query ${(returned / queries.length).toFixed(2)}  (${shapes})`);
}
console.log(`ratio bigram recall / ICU recall: ${(recall.bigrams! / recall.icu!).toFixed(2)}`);
