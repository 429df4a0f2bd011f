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
