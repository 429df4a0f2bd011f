/**
 * Pure query analysis for document search. Russian and English words go to PostgreSQL's built-in
 * 'russian' text-search configuration (Snowball stemmers: Russian for Cyrillic words, English for
 * Latin ones), which PGlite and PostgreSQL share. Chinese has no spaces: a run of Han characters is
 * cut into overlapping character bigrams and a title matches when it holds every bigram
 * (docs/decisions/0009-search.md gives the recall measured against word segmentation).
 */

const HAN = /\p{Script=Han}+/gu;

export interface QueryTerms {
  /** The query without its Han characters, for plainto_tsquery('russian', …); '' when none. */
  words: string;
  /** Character bigrams of every Han run (a run of one character stays a unigram). */
  grams: string[];
}

/** Splits a query into its stemmed-word part and its Chinese n-grams. */
export function queryTerms(q: string): QueryTerms {
  const runs = q.match(HAN) ?? [];
  return { words: q.replace(HAN, ' ').replace(/\s+/g, ' ').trim(), grams: [...new Set(runs.flatMap(bigrams))] };
}

/** '反恐怖主义' → ['反恐', '恐怖', '怖主', '主义']; a single character is its own gram. */
export function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return chars;
  return chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
}

export interface Segment {
  text: string;
  hit: boolean;
}

/** Marks the characters of `text` covered by any of `grams`, as alternating plain/hit segments. */
export function highlightGrams(text: string, grams: readonly string[]): Segment[] {
  const chars = [...text];
  const hit = new Array<boolean>(chars.length).fill(false);
  for (const g of grams) {
    const len = [...g].length;
    for (let i = 0; i + len <= chars.length; i++) {
      if (chars.slice(i, i + len).join('') === g) hit.fill(true, i, i + len);
    }
  }
  return segments(chars, hit);
}

/** Text with hits wrapped in \u0001…\u0002 (as ts_headline is told to mark them) → segments. */
export function markedSegments(marked: string): Segment[] {
  const chars: string[] = [];
  const hit: boolean[] = [];
  let inHit = false;
  for (const c of marked) {
    if (c === '\u0001') inHit = true;
    else if (c === '\u0002') inHit = false;
    else {
      chars.push(c);
      hit.push(inHit);
    }
  }
  return segments(chars, hit);
}

function segments(chars: string[], hit: boolean[]): Segment[] {
  const out: Segment[] = [];
  chars.forEach((c, i) => {
    const last = out.at(-1);
    if (last && last.hit === hit[i]) last.text += c;
    else out.push({ text: c, hit: hit[i]! });
  });
  return out;
}

/**
 * A window of `radius` characters either side of the first hit, cut at a space where one is near
 * (Chinese has none: it is cut at the character), with '…' where text was left out. The segments
 * of the window give back exactly that part of the text.
 */
export function snippet(segs: readonly Segment[], radius: number): Segment[] {
  const chars: { c: string; hit: boolean }[] = segs.flatMap((s) => [...s.text].map((c) => ({ c, hit: s.hit })));
  const first = chars.findIndex((x) => x.hit);
  const lastHit = first < 0 ? -1 : chars.findLastIndex((x, i) => x.hit && i - first <= radius);
  const centre = first < 0 ? 0 : first;
  let from = Math.max(0, centre - radius);
  let to = Math.min(chars.length, Math.max(lastHit + 1, centre) + radius);
  // Prefer whole words: move the cuts to the nearest space within a few characters.
  const near = (i: number, step: number) => {
    for (let k = 0; k < 12; k++) {
      const j = i + k * step;
      if (j <= 0 || j >= chars.length) return i;
      if (chars[j]!.c === ' ') return step < 0 ? j + 1 : j;
    }
    return i;
  };
  if (from > 0) from = near(from, -1);
  if (to < chars.length) to = near(to, 1);
  const window = chars.slice(from, to);
  const out: Segment[] = [];
  const push = (c: string, hit: boolean) => {
    const last = out.at(-1);
    if (last && last.hit === hit) last.text += c;
    else out.push({ text: c, hit });
  };
  if (from > 0) push('…', false);
  for (const x of window) push(x.c, x.hit);
  if (to < chars.length) push('…', false);
  return out;
}
