/**
 * Evaluation on names nobody here generated (bench/eval, sources in bench/eval/SOURCES.md): real
 * people's names from the UN Security Council lists and news pages, and the UN's country names.
 * For each script, the listed side holds every record's names in one script and the query side
 * the same records' names in the other (Latin ↔ Arabic, Cyrillic, Chinese characters, both
 * ways); every third record is kept off the list, so its names are hard negatives (a real name of
 * the same kind that is not listed). Latin pairs: a person's first Latin name is listed, the
 * other spellings the UN gives are queries.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import anyAscii from 'any-ascii';
import { NameIndex, DEFAULT_THRESHOLD, type ScreenedEntity } from '../server/modules/screening/matcher.ts';
import { jaroWinkler } from '../server/modules/screening/jaro-winkler.ts';

type Script = 'latin' | 'ar' | 'ru' | 'zh';
/** dev: the half the engine may be tuned on (misses printed by --real-misses); test: held out, reported. */
export type Split = 'dev' | 'test';
interface EvalRecord { id: string; latin: string[]; ar?: string[]; ru?: string[]; zh?: string[] }
interface Case { query: string; truth: string | null }
export interface Figures { set: string; split: Split; positives: number; negatives: number; recall1: number; recall10: number; fpr: number }

/**
 * A record's half, fixed by its id alone (first bit of SHA-256), so that adding records never
 * moves an existing one: `dev` records may be looked at to improve the engine, `test` records
 * are only measured.
 */
export const splitOf = (id: string): Split => ((createHash('sha256').update(id).digest()[0]! & 1) === 0 ? 'test' : 'dev');

const read = (file: string) => JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'eval', file), 'utf8'));
const persons: EvalRecord[] = read('persons.json').persons;
const places: EvalRecord[] = read('places.json').places;
/**
 * Tennis players as a Chinese tennis site writes them (bench/eval/tennis-zh.tsv): foreign names
 * transcribed into characters (斯维特兰娜·库兹涅佐娃) and Chinese names (彭帅), beside the site's
 * key for the player, which is the Latin name run together in lower case (svetlanakuznetsova).
 */
const tennis: EvalRecord[] = fs
  .readFileSync(path.join(import.meta.dirname, 'eval', 'tennis-zh.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .filter(Boolean)
  .map((line) => {
    const [latin, zh] = line.split('\t') as [string, string];
    return { id: `tennis-${latin}`, latin: [latin], zh: [zh] };
  });

/** The listed records and the query cases of one script, in both directions. */
function tasks(records: EvalRecord[], script: Exclude<Script, 'latin'>): { listed: { id: string; names: string[] }[]; cases: Case[] }[] {
  const withScript = records.filter((r) => r[script]?.length && r[script]!.some(Boolean));
  const listedOnly = (r: EvalRecord, i: number) => i % 3 !== 2;
  return ([['latin', script], [script, 'latin']] as const).map(([listedScript, queryScript]) => ({
    listed: withScript.filter(listedOnly).map((r) => ({ id: r.id, names: r[listedScript]!.filter(Boolean) })),
    cases: withScript.flatMap((r, i) => r[queryScript]!.filter(Boolean).map((query) => ({ query, truth: listedOnly(r, i) ? r.id : null }))),
  }));
}

function latinTasks(records: EvalRecord[]): { listed: { id: string; names: string[] }[]; cases: Case[] }[] {
  const listed = records.filter((_, i) => i % 3 !== 2);
  const held = records.filter((_, i) => i % 3 === 2);
  return [{ listed: listed.map((r) => ({ id: r.id, names: [r.latin[0]!] })), cases: [...listed.flatMap((r) => r.latin.slice(1).map((query) => ({ query, truth: r.id }))), ...held.map((r) => ({ query: r.latin[0]!, truth: null }))] }];
}

type Ranker = (listed: { id: string; names: string[] }[]) => (query: string) => { id: string; score: number }[];

const engine: Ranker = (listed) => {
  const index = new NameIndex();
  for (const r of listed) index.add({ id: r.id, schema: 'Person', caption: r.names[0]!, names: r.names.map((value) => ({ value, role: 'primary' })) } satisfies ScreenedEntity);
  return (query) => index.search({ names: [query] }, 10);
};
/** The naive baseline: any-ascii, lower case, Jaro-Winkler of the whole names, over every listed name. */
const baseline: Ranker = (listed) => {
  const names = listed.map((r) => ({ id: r.id, ascii: r.names.map((n) => anyAscii(n).toLowerCase()) }));
  return (query) => {
    const q = anyAscii(query).toLowerCase();
    return names
      .map((r) => ({ id: r.id, score: Math.max(...r.ascii.map((n) => jaroWinkler(q, n))) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 10);
  };
};

function measure(set: string, split: Split, parts: { listed: { id: string; names: string[] }[]; cases: Case[] }[], ranker: Ranker, distractors: { id: string; names: string[] }[]): Figures {
  let positives = 0;
  let negatives = 0;
  let hit1 = 0;
  let hit10 = 0;
  let falseMatches = 0;
  for (const { listed, cases } of parts) {
    const run = ranker([...listed, ...distractors]);
    for (const { query, truth } of cases) {
      const results = run(query);
      if (truth) {
        positives++;
        if (results[0]?.id === truth) hit1++;
        if (results.some((r) => r.id === truth)) hit10++;
      } else {
        negatives++;
        if (results.some((r) => r.score >= DEFAULT_THRESHOLD)) falseMatches++;
      }
    }
  }
  return { set, split, positives, negatives, recall1: hit1 / positives, recall10: hit10 / positives, fpr: falseMatches / negatives };
}

/** The sets, each built from the records of one half only (its listed names, queries and negatives). */
function sets(split: Split): [string, { listed: { id: string; names: string[] }[]; cases: Case[] }[]][] {
  const half = <T extends { id: string }>(records: T[]) => records.filter((r) => splitOf(r.id) === split);
  return [
    ['persons ar', tasks(half(persons), 'ar')],
    ['persons ru', tasks(half(persons), 'ru')],
    ['persons zh', tasks(half(persons), 'zh')],
    ['tennis zh', tasks(half(tennis), 'zh')],
    ['persons latin', latinTasks(half(persons).filter((p) => p.latin.length > 1 || p.ar))],
    ['places ar', tasks(half(places), 'ar')],
    ['places ru', tasks(half(places), 'ru')],
    ['places zh', tasks(half(places), 'zh')],
  ];
}

/**
 * Per set, script and half (dev, then the held-out test half): the engine's and the baseline's
 * figures. `distractors` (the generated list's first entities, names in all their scripts) are
 * listed beside the real names, so that a query has more to tell its person from than a few
 * dozen entries.
 */
export function evaluateRealNames(distractors: { id: string; names: string[] }[] = []): { engine: Figures; baseline: Figures }[] {
  return (['dev', 'test'] as const).flatMap((split) =>
    sets(split).map(([set, parts]) => ({ engine: measure(set, split, parts, engine, distractors), baseline: measure(set, split, parts, baseline, distractors) })),
  );
}

/** The dev half's misses, to see what to improve (bench:screening -- --real-misses); the test half is never printed. */
export function realMisses(distractors: { id: string; names: string[] }[] = []): string[] {
  const out: string[] = [];
  for (const [set, parts] of sets('dev')) {
    for (const { listed, cases } of parts) {
      const run = engine([...listed, ...distractors]);
      for (const { query, truth } of cases) {
        const results = run(query);
        const wrong = truth ? results[0]?.id !== truth : results.some((r) => r.score >= DEFAULT_THRESHOLD);
        if (wrong) out.push(`${set} ${truth ? 'MISS' : 'FP  '} ${query} → ${truth ?? '-'}; top ${JSON.stringify(results.slice(0, 2).map((r) => [r.id, r.score]))}`);
      }
    }
  }
  return out;
}
