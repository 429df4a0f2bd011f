/**
 * The screening engine: an inverted index over pairs of folded name tokens (as spelled and by
 * sound), single tokens, phonetic keys and compact (order-free, space-free) names generates
 * candidates — never a scan of the whole list — and a scorer explains each candidate's score by
 * feature. Pure, in memory; the list's service feeds it.
 *
 * Scoring rules: identifiers are the strongest evidence; a conflicting birth year, patronymic or
 * nationality lowers the score; a weak alias, or a lone given name, never makes a match on its own.
 */
import { jaroWinkler } from './jaro-winkler.ts';
import { PARTICLES, TURKIC_FILIAL, compactKey, detectScript, hanSound, isLegalForm, looksTranscribed, nameTokens, phoneticKey, transcriptionTokens } from './name-keys.ts';

export type NameRole = 'primary' | 'alias' | 'weak_alias' | 'previous';

export interface ScreenedEntity {
  id: string;
  schema: string;
  caption: string;
  names: { value: string; role: NameRole }[];
  birthYears?: number[];
  nationalities?: string[];
  identifiers?: string[];
  /** Middle, father's and patronymic names: a query may leave them out. */
  optionalNames?: string[];
}

export interface ScreeningQuery {
  names: string[];
  birthYear?: number | undefined;
  nationalities?: string[] | undefined;
  identifiers?: string[] | undefined;
}

export interface ScreeningResult {
  id: string;
  caption: string;
  score: number;
  match: boolean;
  features: Record<string, number>;
  /** The listed name that agreed best with the query. */
  matchedName: string;
}

import { DEFAULT_THRESHOLD } from './threshold.ts';
export { DEFAULT_THRESHOLD };
/** How many postings of single name parts a query may read when no two parts are found together. */
const SINGLE_BUDGET = 5_000;
const CANDIDATES = 20;
/** Less than any rare name key weighs, so it only orders namesakes. */
const YEAR_BONUS = 1;
const NON_MATCH_CAP = 0.75;

interface IndexedName {
  value: string;
  /** The name's Chinese characters, when it is written in them. */
  han: string | null;
  tokens: string[];
  /** Tokens a query may leave out (patronymic, father's or middle name, linking word). */
  optional: readonly string[];
  weak: boolean;
  /**
   * Its vowels are unreliable, so it is also compared by consonants: written in Arabic script
   * (short vowels unwritten) or a reading of Chinese characters as a transcription.
   */
  loose: boolean;
}

function permutations(tokens: string[]): string[][] {
  if (tokens.length <= 1 || tokens.length > 3) return [tokens];
  return tokens.flatMap((t, i) => permutations([...tokens.slice(0, i), ...tokens.slice(i + 1)]).map((rest) => [t, ...rest]));
}
/** The tokens run together in every order (names of up to three parts), for space-free forms; worked out when scored. */
const compactsOf = (tokens: string[]) => [...new Set(permutations(tokens).map(compactKey))];
/**
 * What the index keeps of them: every order of two parts, the written and the reversed order of
 * three (a query runs a three-part name together in the order it was written or family first),
 * the written order of more. Each is a key of its own, so this is most of the index's keys.
 */
const indexedCompacts = (tokens: string[]) => [...new Set((tokens.length === 3 ? [tokens, [...tokens].reverse(), [tokens[2]!, tokens[0]!, tokens[1]!]] : permutations(tokens)).map(compactKey))];
const NONE: readonly string[] = [];
/** A token's own keys — as spelled, by sound, by consonants — and what each weighs as evidence. */
const singleKeys = (t: string) => [{ key: `t:${t}`, weight: 1 }, ...(t.length >= 3 ? [{ key: `p:${cachedSound(t)}`, weight: 0.7 }, { key: `s:${consonantPrefix(t)}`, weight: 0.5 }] : [])];
/**
 * A token's first three consonants, by class: survives vowel typos, unwritten short vowels and
 * the endings a transcription drops (阿富汗 a-fu-han for Afghanistan, Бельгия for Belgium).
 */
const consonantPrefix = (t: string) => consonants(t).slice(0, 3);
/** A token's sound: its phonetic key, or the token itself when too short for one (Chinese syllables). */
/**
 * A token's sound, for pairs of name parts found together: its consonants by class (which survive
 * vowel typos, unwritten short vowels and voicing), or the token itself when it has fewer than
 * three (Chinese syllables).
 */
const sound = (token: string) => {
  const c = consonants(token);
  return c.length >= 3 ? c : token;
};
/** Two name parts found together, in either order. */
const pairKey = (kind: 'e' | 'f', a: string, b: string) => (a < b ? `${kind}:${a}|${b}` : `${kind}:${b}|${a}`);
/**
 * A key's 32-bit FNV-1a hash: the index keeps numbers, not millions of key strings. Two keys
 * that collide (about one in 400 at ten million keys) only add a candidate, which scoring, done
 * on the names themselves, then rejects.
 */
function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h | 0;
}
const normalizeId = (id: string) => id.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
/** The token and its single-letter deletions: two tokens one edit apart share one of these. */
const deletions = (token: string) => [token, ...[...token].map((_, i) => token.slice(0, i) + token.slice(i + 1))];
/** The k items of highest score, best first, without sorting them all (quickselect, then a sort of k). */
function topK(items: number[], scores: Float64Array, k: number): number[] {
  const a = items.slice();
  let lo = 0;
  let hi = a.length - 1;
  while (k < a.length && lo < hi) {
    const pivot = scores[a[(lo + hi) >> 1]!]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (scores[a[i]!]! > pivot) i++;
      while (scores[a[j]!]! < pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (k - 1 <= j) hi = j;
    else if (k - 1 >= i) lo = i;
    else break;
  }
  return a.slice(0, k).sort((x, y) => scores[y]! - scores[x]!);
}

/** The Chinese characters of a name written in them, else null. */
const hanCharacters = (name: string) => (detectScript(name) === 'han' ? [...name].filter((c) => /\p{Script=Han}/u.test(c)).join('') : null);

/**
 * Two names in Chinese characters, compared character by character: names that romanize alike up
 * to a letter (Huagang, Haogang) are told apart, while a homophone typed by mistake still counts.
 */
function hanSimilarity(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let same = 0;
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] === y[i] || hanSound(x[i]!) === hanSound(y[i]!)) same++;
  return same / Math.max(x.length, y.length);
}

/** Russian-style patronymics; the Turkic ogli/kyzy stand apart and are PARTICLES. */
const PATRONYMIC = /(?:ovich|evich|ilich|ovna|evna|ichna)$/;
/** A part a name may leave out whatever the list says: a patronymic, a linking word or a legal form. */
const omissible = (token: string) => PATRONYMIC.test(token) || PARTICLES.has(token) || isLegalForm(token);
const hasDigit = (token: string) => /[0-9]/.test(token);
/** What a name part weighs in a name's score: its length, a fifth of it for a legal form (Corp, ООО). */
const tokenWeight = (token: string) => (isLegalForm(token) ? 0.2 : 1) * token.length;

export class NameIndex {
  private readonly entities: ScreenedEntity[] = [];
  private readonly indexed: IndexedEntity[] = [];
  /** Key → the entities having it: one entity as a number (most keys), several as an array. */
  private readonly postings = new Map<number, number | number[]>();
  private readonly byIdentifier = new Map<string, number>();
  /** Deletion keys of the distinct name tokens, to find a misspelt token's listed spellings. */
  private readonly spellings = new Map<number, string | string[]>();
  private scores = new Float64Array(0);
  /** Each entity's earliest and latest birth year (0 if unknown), packed for the candidate loop. */
  private readonly firstBorn: number[] = [];
  private readonly lastBorn: number[] = [];

  get size(): number {
    return this.entities.length;
  }

  add(entity: ScreenedEntity): void {
    const n = this.entities.length;
    this.entities.push(entity);
    const indexed: IndexedName[] = [];
    const keys = new Set<number>();
    const optionalTokens = (entity.optionalNames ?? []).flatMap(nameTokens);
    for (const name of entity.names) {
      const forms = [{ tokens: nameTokens(name.value), han: hanCharacters(name.value), loose: detectScript(name.value) === 'arabic' }];
      // A name in characters may also be a foreign name written by sound: read it as one too.
      if (forms[0]!.han !== null && looksTranscribed(name.value)) forms.push({ tokens: transcriptionTokens(name.value), han: null, loose: true });
      for (const { tokens, han, loose } of forms) {
        if (tokens.length === 0) continue;
        // A Turkic father's name stands before oʻgʻli/qizi: Alisher Erkin oʻgʻli Karimov.
        const optionals = tokens.filter((t, i) => omissible(t) || optionalTokens.includes(t) || TURKIC_FILIAL.has(tokens[i + 1] ?? ''));
        indexed.push({ value: name.value, han, tokens, optional: optionals.length ? optionals : NONE, weak: name.role === 'weak_alias', loose });
        if (name.role === 'weak_alias') continue;
        for (const c of indexedCompacts(tokens)) keys.add(hashKey(`c:${c}`));
        // The consonants of the whole name, as written and (two parts) reversed: how a transcription
        // written without its dot (鲁斯塔姆卡里莫夫) finds Rustam Karimov.
        if (han === null) for (const order of tokens.length === 2 ? [tokens, [tokens[1]!, tokens[0]!]] : [tokens]) keys.add(hashKey(`k:${consonants(order.join(''))}`));
        for (const t of tokens) {
          if (!this.postings.has(hashKey(`t:${t}`)) && t.length >= 4) for (const d of deletions(t)) this.addSpelling(d, t);
          for (const { key } of singleKeys(t)) keys.add(hashKey(key));
        }
        const sounds = tokens.map(sound);
        for (let i = 0; i < tokens.length; i++)
          for (let j = i + 1; j < tokens.length; j++) {
            keys.add(hashKey(pairKey('e', tokens[i]!, tokens[j]!)));
            // Short tokens are their own sound: such a pair is already in under 'e'.
            if (sounds[i] !== tokens[i] || sounds[j] !== tokens[j]) keys.add(hashKey(pairKey('f', sounds[i]!, sounds[j]!)));
          }
      }
    }
    this.indexed.push({ names: indexed, fatherNames: [...new Set(indexed.flatMap((name) => name.optional.filter((t) => !PARTICLES.has(t))))], inHan: indexed.some((name) => name.han !== null) });
    for (const key of keys) {
      const list = this.postings.get(key);
      if (list === undefined) this.postings.set(key, n);
      else if (typeof list === 'number') this.postings.set(key, [list, n]);
      else list.push(n);
    }
    for (const id of entity.identifiers ?? []) this.byIdentifier.set(normalizeId(id), n);
    const years = entity.birthYears ?? [];
    this.firstBorn.push(years.length ? Math.min(...years) : 0);
    this.lastBorn.push(years.length ? Math.max(...years) : 0);
  }

  private addSpelling(deletion: string, token: string): void {
    const key = hashKey(deletion);
    const known = this.spellings.get(key);
    if (known === undefined) this.spellings.set(key, token);
    else if (typeof known === 'string') {
      if (known !== token) this.spellings.set(key, [known, token]);
    } else if (!known.includes(token)) known.push(token);
  }

  private postingCount(key: string): number {
    const list = this.postings.get(hashKey(key));
    return list === undefined ? 0 : typeof list === 'number' ? 1 : list.length;
  }

  /**
   * Listed tokens one edit away from a query token that is not itself listed (a typo, a dropped or
   * doubled letter); a listed token is taken as spelled right, or short syllables would each
   * bring in a dozen others.
   */
  private nearSpellings(token: string): Set<string> {
    const near = new Set<string>();
    if (token.length < 4 || this.postings.has(hashKey(`t:${token}`))) return near;
    for (const d of deletions(token)) {
      const known = this.spellings.get(hashKey(d));
      if (known === undefined) continue;
      for (const t of typeof known === 'string' ? [known] : known) if (t !== token) near.add(t);
    }
    return near;
  }

  /**
   * Entities sharing keys with the query, best first. Two parts of a name found together (exact,
   * one edit apart, or by sound) or the whole name run together point at namesakes only; when no
   * listed name has two of the query's parts, the rarest single parts stand in, within a budget.
   */
  private candidates(queryNames: { tokens: string[]; loose: boolean }[], query: ScreeningQuery): number[] {
    if (this.scores.length < this.entities.length) this.scores = new Float64Array(this.entities.length * 2);
    const touched: number[] = [];
    const bump = (n: number, w: number) => {
      if (this.scores[n] === 0) touched.push(n);
      this.scores[n] = this.scores[n]! + w;
    };
    const total = this.entities.length;
    const use = (key: string, weight: number) => {
      const list = this.postings.get(hashKey(key));
      if (list === undefined) return;
      if (typeof list === 'number') return bump(list, weight * Math.log(1 + total));
      const w = weight * Math.log(1 + total / list.length);
      for (const n of list) bump(n, w);
    };
    // Each query token with its listed spellings one edit away, the token first.
    const spelled: string[][] = [];
    for (const { tokens, loose } of queryNames) {
      use(`c:${compactKey(tokens)}`, 3);
      if (loose) for (const k of new Set(deletions(consonants(tokens.join(''))))) use(`k:${k}`, 1.5);
      const spellings = tokens.map((t) => [t, ...this.nearSpellings(t)]);
      spelled.push(...spellings);
      const sounds = spellings.map((near) => [...new Set(near.map(sound))]);
      for (let i = 0; i < tokens.length; i++)
        for (let j = i + 1; j < tokens.length; j++) {
          for (const a of spellings[i]!) for (const b of spellings[j]!) use(pairKey('e', a, b), a === tokens[i] && b === tokens[j] ? 2 : 1.6);
          for (const a of sounds[i]!) for (const b of sounds[j]!) use(pairKey('f', a, b), 1.2);
        }
    }
    if (touched.length === 0) {
      const singles = spelled.flatMap(([t, ...near]) => [...singleKeys(t!), ...near.map((n) => ({ key: `t:${n}`, weight: 0.8 }))]);
      const sized = singles.map((s) => ({ ...s, size: this.postingCount(s.key) })).filter((s) => s.size > 0).sort((a, b) => a.size - b.size);
      let spent = 0;
      for (const s of sized) {
        if (spent > 0 && spent + s.size > SINGLE_BUDGET) break;
        use(s.key, s.weight);
        spent += s.size;
      }
    }
    for (const id of query.identifiers ?? []) {
      const n = this.byIdentifier.get(normalizeId(id));
      if (n !== undefined) bump(n, 100);
    }
    // Among namesakes, those born in the query's year (give or take one) come first.
    const year = query.birthYear;
    if (year) for (const n of touched) if (this.firstBorn[n]! - 1 <= year && year <= this.lastBorn[n]! + 1) this.scores[n] = this.scores[n]! + YEAR_BONUS;
    const best = topK(touched, this.scores, CANDIDATES);
    for (const n of touched) this.scores[n] = 0;
    return best;
  }

  search(query: ScreeningQuery, limit = 10, threshold = DEFAULT_THRESHOLD): ScreeningResult[] {
    const names = query.names
      .flatMap((value) => {
        const han = hanCharacters(value);
        const name = { tokens: nameTokens(value), han, loose: detectScript(value) === 'arabic' };
        return han !== null && looksTranscribed(value) ? [name, { tokens: transcriptionTokens(value), han: null, loose: true }] : [name];
      })
      .filter((q) => q.tokens.length > 0);
    const prepared = { names, patronymics: names.flatMap((q) => q.tokens.filter((t) => PATRONYMIC.test(t))) };
    return this.candidates(names, query)
      .map((n) => score(this.entities[n]!, this.indexed[n]!, prepared, query, threshold))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  }
}

/**
 * Jaro-Winkler, except that a name which only begins another (Li, Limin; Ying, Yinggui;
 * Bauyrzhan, Bauyrzhanovich) is another name, not a spelling of it.
 */
function tokenPairSimilarity(a: string, b: string): number {
  // Numbers are part of an organisation's name and are either the same or not (11420 / 11421).
  if (hasDigit(a) || hasDigit(b)) return a === b ? 1 : 0;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const s = jaroWinkler(a, b);
  if (long.length - short.length >= 3 && long.startsWith(short)) return Math.min(s, PREFIX_ONLY);
  // Jaro-Winkler is lenient with short names that share a beginning (Wahid/Wahab, Kamal/Jamal):
  // short names that also sound different are different names.
  // So are longer names that sound different and are more than a typo apart (Kudrin/Kudinov).
  if (s > SOUNDS_DIFFERENT && s < 1 && short.length >= 3 && cachedSound(a) !== cachedSound(b)) {
    const edits = editDistance(a, b);
    // One letter replaced by another that changes the sound (Karimov/Kasimov) is as likely another
    // name as a typo: it ranks, but does not match on its own.
    if (edits >= 3 || (edits >= 2 && long.length <= SHORT_NAME) || (edits === 1 && a.length === b.length)) return Math.min(s, SOUNDS_DIFFERENT);
  }
  return s;
}
const row = new Uint8Array(65);
/** Levenshtein distance of two short strings (one reused row; strings capped at 64 characters). */
function editDistance(a: string, b: string): number {
  const la = Math.min(a.length, 64);
  const lb = Math.min(b.length, 64);
  for (let j = 0; j <= lb; j++) row[j] = j;
  for (let i = 1; i <= la; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= lb; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
      diagonal = above;
    }
  }
  return row[lb]!;
}
const PREFIX_ONLY = 0.7;
const SHORT_NAME = 6;
const SOUNDS_DIFFERENT = 0.78;
const sounds = new Map<string, string>();
function cachedSound(token: string): string {
  let key = sounds.get(token);
  if (key === undefined) {
    if (sounds.size > 200_000) sounds.clear();
    sounds.set(token, (key = phoneticKey(token)));
  }
  return key;
}

/**
 * How well two names agree, in any order. Each part of one name pairs with at most one part of
 * the other, closest pairs first; a part left without a partner counts as a miss, unless it is a
 * patronymic, father's or middle name. The result is the length-weighted mean of the pairs, less
 * twice what the worst pair falls short of a likely spelling variant: one wrong name part must
 * not hide behind long matching ones.
 */
function tokenSimilarity(q: string[], c: Pick<IndexedName, 'tokens' | 'optional'>, pairSimilarity = tokenPairSimilarity): number {
  const pairs: { s: number; i: number; j: number }[] = [];
  for (let i = 0; i < q.length; i++) for (let j = 0; j < c.tokens.length; j++) pairs.push({ s: pairSimilarity(q[i]!, c.tokens[j]!), i, j });
  pairs.sort((x, y) => y.s - x.s);
  const queryPaired = q.map(() => false);
  const listedPaired = c.tokens.map(() => false);
  let sum = 0;
  let weight = 0;
  let worst = 1;
  for (const { s, i, j } of pairs) {
    if (queryPaired[i] || listedPaired[j]) continue;
    // A part either side may leave out (bin, ibn, a father's name) is not forced onto an unlike part.
    if (s < VARIANT && (omissible(q[i]!) || c.optional.includes(c.tokens[j]!))) continue;
    queryPaired[i] = listedPaired[j] = true;
    const w = Math.max(tokenWeight(q[i]!), tokenWeight(c.tokens[j]!));
    sum += s * w;
    weight += w;
    worst = Math.min(worst, s);
  }
  q.forEach((t, i) => {
    if (!queryPaired[i] && !omissible(t)) weight += tokenWeight(t);
  });
  c.tokens.forEach((t, j) => {
    if (!listedPaired[j] && !c.optional.includes(t)) weight += tokenWeight(t);
  });
  return weight ? sum / weight - 2 * Math.max(0, VARIANT - worst) : 0;
}
/**
 * A name's parts by their consonants (the first letter kept; r and l one, as Chinese transcription
 * does not tell them apart): how a name in Arabic script, written without short vowels, or a
 * transcription in Chinese characters meets a romanised one.
 */
const consonantal = (c: Pick<IndexedName, 'tokens' | 'optional'>) => ({ tokens: c.tokens.map(consonants), optional: c.optional.map(consonants) });
const consonantCache = new Map<string, string>();
function consonants(t: string): string {
  let key = consonantCache.get(t);
  if (key === undefined) {
    if (consonantCache.size > 200_000) consonantCache.clear();
    consonantCache.set(t, (key = consonantsOf(t)));
  }
  return key;
}
const consonantsOf = (t: string) =>
  t
    // A final h is often silent (Abdullah 阿卜杜拉), and an n before a consonant often a
    // syllable's nasal ending in a transcription (穆罕默德 mu-han-mo-de for Muhammad).
    .replace(/h$/, '')
    // ng is n (Cyrillic writes pinyin's Zhang, Ming as Чжан, Мин) before the nasal is dropped.
    .replace(/ng/g, 'n')
    .replace(/n(?=[^aeiouy])/g, '')
    .replace(/[aeiouy]/g, '')
    .replace(/[sc]h/g, 's')
    .replace(/./g, (c) => CONSONANT_CLASS[c] ?? c);
/** Consonants that transcriptions into characters or from Arabic script confuse, as one: voiced and voiceless, r and l. */
const CONSONANT_CLASS: Record<string, string> = { p: 'b', d: 't', g: 'k', q: 'k', h: 'k', x: 'k', f: 'v', w: 'v', z: 's', c: 's', j: 's', r: 'l' };
/** Two consonant skeletons: 1 less each edit's share of the longer one, times `perEdit`. */
const consonantSimilarity = (a: string, b: string, perEdit = 1) => {
  // Two or three consonants say too little: many names share them.
  if (Math.max(a.length, b.length) < MIN_CONSONANTS) return 0;
  return a === b ? 1 : Math.max(0, 1 - (perEdit * editDistance(a, b)) / Math.max(a.length, b.length));
};
const MIN_CONSONANTS = 3;
/** A run-together name costs more per edit: nothing tells where its parts begin. */
const wholeConsonantSimilarity = (a: string, b: string) => (Math.max(a.length, b.length) < 5 ? 0 : consonantSimilarity(a, b, 1.5));
const VARIANT = 0.85;
/** Consonants agree more easily than spellings: what such an agreement is worth. */
const LOOSE_CONSONANTS = 0.95;

/** What scoring needs of a listed entity, worked out once when it is indexed. */
interface IndexedEntity {
  names: IndexedName[];
  /** Its patronymics, father's and middle names. */
  fatherNames: string[];
  /** Whether any of its names is written in Chinese characters. */
  inHan: boolean;
}

/** What scoring needs of a query, worked out once per query. */
interface PreparedQuery {
  names: { tokens: string[]; han: string | null; loose: boolean }[];
  patronymics: string[];
}

function score(entity: ScreenedEntity, { names, fatherNames, inHan: listedInHan }: IndexedEntity, prepared: PreparedQuery, query: ScreeningQuery, threshold: number): ScreeningResult {
  const features: Record<string, number> = {};
  let nameScore = 0;
  let matchedName = names[0]?.value ?? '';
  let viaWeak = false;
  let loneToken = false;
  for (const { tokens: q, han, loose } of prepared.names) {
    // A name of legal forms alone (Corp, ООО) names no one.
    if (q.every(isLegalForm)) continue;
    const qCompact = compactKey(q);
    const qNumbers = q.filter(hasDigit);
    // A name in Chinese characters meets the listed names in characters, where there are any.
    const inHan = han !== null && listedInHan;
    for (const name of names) {
      let s: number;
      let compact = 0;
      if (inHan) {
        if (name.han === null) continue;
        s = hanSimilarity(han, name.han);
        compact = s;
      } else {
        // Run-together or split syllables (Xijinping, Xi Jin Ping) are compared whole; names part by part.
        const [fewer, more] = q.length < name.tokens.length ? [q, name.tokens] : [name.tokens, q];
        const split = fewer.length < more.length && meanLength(more) <= 4;
        const runTogether = q.length === 1 || name.tokens.length === 1 || split;
        const compacts = runTogether ? compactsOf(name.tokens) : NONE;
        for (const c of compacts) compact = Math.max(compact, tokenPairSimilarity(qCompact, c));
        s = Math.max(tokenSimilarity(q, name), compact * 0.98);
        if (loose || name.loose) {
          // By consonants: part by part, and whole (a transcription may come without its dot).
          let whole = 0;
          const qConsonants = consonants(qCompact);
          for (const c of compacts) whole = Math.max(whole, wholeConsonantSimilarity(qConsonants, consonants(c)));
          compact = Math.max(compact, whole);
          s = Math.max(s, Math.max(tokenSimilarity(q.map(consonants), consonantal(name), consonantSimilarity), whole) * LOOSE_CONSONANTS);
        }
        // Two organisations with different numbers are different organisations.
        const numbers = name.tokens.filter(hasDigit);
        if (qNumbers.length && numbers.length && !qNumbers.some((n) => numbers.includes(n))) s = Math.min(s, NON_MATCH_CAP);
      }
      if (s > nameScore) {
        nameScore = s;
        matchedName = name.value;
        viaWeak = name.weak;
        // One word against a longer name is a lone name part unless it spells the whole name.
        loneToken = q.length === 1 && name.tokens.filter((t) => !isLegalForm(t)).length > 1 && compact < 0.9;
      }
    }
  }
  features.name = round(nameScore);
  let total = nameScore;
  if (viaWeak || loneToken) {
    features[viaWeak ? 'weak_alias' : 'lone_name_part'] = 1;
    total = Math.min(total, NON_MATCH_CAP);
  }
  const ids = new Set((entity.identifiers ?? []).map(normalizeId));
  if ((query.identifiers ?? []).some((id) => ids.has(normalizeId(id)))) {
    features.identifier = 1;
    total = Math.max(total, 0.99);
  }
  if (query.birthYear && entity.birthYears?.length) {
    const off = Math.min(...entity.birthYears.map((y) => Math.abs(y - query.birthYear!)));
    features.birth_year = off === 0 ? 1 : off <= 1 ? 0.5 : 0;
    if (off > 1 && !features.identifier) total -= 0.25;
  }
  // A father's name other than the listed one is evidence of another person, as a birth year is.
  if (prepared.patronymics.length && fatherNames.length) {
    const agrees = prepared.patronymics.some((p) => fatherNames.some((l) => tokenPairSimilarity(p, l) >= VARIANT));
    features.patronymic = agrees ? 1 : 0;
    if (!agrees && !features.identifier) total -= 0.25;
  }
  if (query.nationalities?.length && entity.nationalities?.length) {
    const shared = query.nationalities.some((c) => entity.nationalities!.includes(c.toUpperCase()));
    features.nationality = shared ? 1 : 0;
    if (!shared && !features.identifier) total -= 0.08;
  }
  total = round(Math.max(0, Math.min(1, total)));
  return { id: entity.id, caption: entity.caption, score: total, match: total >= threshold, features, matchedName };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const meanLength = (tokens: string[]) => tokens.reduce((a, t) => a + t.length, 0) / tokens.length;
