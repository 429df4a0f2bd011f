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
import { PARTICLES, TURKIC_FILIAL, compactKey, detectScript, hanSound, isLegalForm, looksTranscribed, nameTokens, phoneticKey, skeletonKey, skeletonSimilarity, skeletonsOf, transcriptionTokens, wadeGilesNames } from './name-keys.ts';

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
  return fnv(FNV_OFFSET, key);
}
const FNV_OFFSET = 0x811c9dc5;
/** FNV-1a carried on over more text: fnv(fnv(h, a), b) is fnv(h, a + b), without making a + b. */
function fnv(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}
const PREFIX = { c: fnv(FNV_OFFSET, 'c:'), k: fnv(FNV_OFFSET, 'k:'), t: fnv(FNV_OFFSET, 't:'), p: fnv(FNV_OFFSET, 'p:'), s: fnv(FNV_OFFSET, 's:'), e: fnv(FNV_OFFSET, 'e:'), f: fnv(FNV_OFFSET, 'f:') };
/** hashKey(pairKey(kind, a, b)), made without the key string. */
const pairHash = (kind: 'e' | 'f', a: string, b: string) => (a < b ? fnv(fnv(fnv(PREFIX[kind], a), '|'), b) : fnv(fnv(fnv(PREFIX[kind], b), '|'), a));
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

/** A growable list of 32-bit integers in one typed array (no per-element objects). */
class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
  /** The values as a typed array of their own size (the spare capacity is given back). */
  trimmed(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * Key hashes → dense key numbers, by open addressing over typed arrays: a JavaScript Map costs
 * some fifty bytes a key, this about ten. Slots hold the key number plus one (0 is empty).
 */
class KeyTable {
  private slots = new Int32Array(1 << 16);
  private bits = 16;
  /** By key number: the key's hash. */
  private hashes = new IntList(1 << 15);
  get size(): number {
    return this.hashes.length;
  }
  private slotOf(hash: number): number {
    const mask = this.slots.length - 1;
    let i = Math.imul(hash, 0x9e3779b1) >>> (32 - this.bits);
    for (;;) {
      const id = this.slots[i]!;
      if (id === 0 || this.hashes.data[id - 1] === hash) return i;
      i = (i + 1) & mask;
    }
  }
  /** The key's number, or -1 if no entity has it. */
  get(hash: number): number {
    return this.slots[this.slotOf(hash)]! - 1;
  }
  /** The key's number, numbering it if it is new. */
  intern(hash: number): number {
    const slot = this.slotOf(hash);
    const id = this.slots[slot]!;
    if (id !== 0) return id - 1;
    this.hashes.push(hash);
    this.slots[slot] = this.hashes.length;
    if (this.hashes.length * 10 > this.slots.length * 6) this.grow();
    return this.hashes.length - 1;
  }
  private grow(): void {
    this.bits++;
    this.slots = new Int32Array(1 << this.bits);
    for (let id = 0; id < this.hashes.length; id++) this.slots[this.slotOf(this.hashes.data[id]!)] = id + 1;
  }
}

export class NameIndex {
  private readonly entities: ScreenedEntity[] = [];
  /** Key hash → key number. */
  private readonly keys = new KeyTable();
  /**
   * The postings, packed (compressed sparse rows): the entities having key k are
   * postings[start[k]] … postings[start[k + 1] - 1]. Built in one pass from counts when the index
   * is first searched; entities added since wait in `pending` (their key numbers, and where each
   * entity's keys end) until the next search packs them in.
   */
  private start = new Int32Array(1);
  private postings = new Int32Array(0);
  private pendingKeys = new IntList(1 << 16);
  private pendingEnds = new IntList(1 << 10);
  private readonly byIdentifier = new Map<string, number>();
  /** Deletion keys of the distinct name tokens, to find a misspelt token's listed spellings. */
  private readonly spellings = new Map<number, string | string[]>();
  /** Name tokens, interned: each entity's names are kept as numbers into this list. */
  private readonly tokenIds = new Map<string, number>();
  private readonly tokenStrings: string[] = [];
  /** By token number: its sound for pairs, its single keys' hashes (three a token), whether its spellings are kept. */
  private readonly tokenSounds: string[] = [];
  private readonly tokenKeys = new IntList(1 << 12);
  private readonly spelled = new IntList(1 << 10);
  /**
   * What scoring needs of each entity, packed: per entity its number of indexed names, then per
   * name a header (the name's place in entity.names × 8 + 1 weak + 2 loose + 4 read as a
   * transcription), its token count and tokens, its optional-token count and optional tokens.
   */
  private readonly namePool = new IntList(1 << 16);
  private readonly nameStart = new IntList(1 << 10);
  private scores = new Float64Array(0);
  /** Each entity's earliest and latest birth year (0 if unknown), packed for the candidate loop. */
  private readonly firstBorn = new IntList(1 << 10);
  private readonly lastBorn = new IntList(1 << 10);

  get size(): number {
    return this.entities.length;
  }

  /**
   * A token's number, and what its first sight works out once: its own keys' hashes (as spelled,
   * by sound, by consonants; see singleKeys) and its sound for pairs.
   */
  private tokenId(token: string): number {
    let id = this.tokenIds.get(token);
    if (id === undefined) {
      id = this.tokenStrings.length;
      this.tokenIds.set(token, id);
      this.tokenStrings.push(token);
      this.tokenSounds.push(sound(token));
      this.spelled.push(0);
      const singles = singleKeys(token);
      for (let k = 0; k < 3; k++) this.tokenKeys.push(k < singles.length ? hashKey(singles[k]!.key) : 0);
    }
    return id;
  }

  add(entity: ScreenedEntity): void {
    const n = this.entities.length;
    this.entities.push(entity);
    const keys = new Set<number>();
    const optionalTokens = (entity.optionalNames ?? []).flatMap(nameTokens);
    const pool = this.namePool;
    this.nameStart.push(pool.length);
    const countAt = pool.length;
    pool.push(0);
    entity.names.forEach((name, place) => {
      const script = detectScript(name.value);
      const han = script === 'han' ? hanCharacters(name.value) : null;
      const forms = [{ tokens: nameTokens(name.value), han, loose: script === 'arabic', transcription: false }];
      // A name in characters may also be a foreign name written by sound: read it as one too.
      if (forms[0]!.han !== null && looksTranscribed(name.value)) forms.push({ tokens: transcriptionTokens(name.value), han: null, loose: true, transcription: true });
      for (const { tokens, han, loose, transcription } of forms) {
        if (tokens.length === 0) continue;
        // A Turkic father's name stands before oʻgʻli/qizi: Alisher Erkin oʻgʻli Karimov.
        const optionals = tokens.filter((t, i) => omissible(t) || optionalTokens.includes(t) || TURKIC_FILIAL.has(tokens[i + 1] ?? ''));
        pool.data[countAt]!++;
        pool.push(place * 8 + (name.role === 'weak_alias' ? 1 : 0) + (loose ? 2 : 0) + (transcription ? 4 : 0));
        pool.push(tokens.length);
        const ids = tokens.map((t) => this.tokenId(t));
        for (const id of ids) pool.push(id);
        pool.push(optionals.length);
        for (const t of optionals) pool.push(this.tokenId(t));
        if (name.role === 'weak_alias') continue;
        for (const c of indexedCompacts(tokens)) keys.add(fnv(PREFIX.c, c));
        // The consonants of the whole name, as written and (two parts) reversed: how a transcription
        // written without its dot (鲁斯塔姆卡里莫夫) finds Rustam Karimov.
        if (han === null) for (const order of tokens.length === 2 ? [tokens, [tokens[1]!, tokens[0]!]] : [tokens]) keys.add(fnv(PREFIX.k, consonantsOf(order.join(''))));
        // A name listed run together (albertabrianti) keeps consonants a transcription drops
        // (阿尔伯塔·布里安蒂 albeta brianti, the r unwritten): it is also kept under its consonants
        // less one, which a query's consonants (less one) meet. Few listed names are one token.
        if (han === null && tokens.length === 1) {
          const whole = consonantsOf(tokens[0]!);
          if (whole.length >= 5) for (const d of deletions(whole)) keys.add(fnv(PREFIX.k, d));
        }
        // A transcription and a Latin name run together also meet by what transcription keeps of
        // a name (skeletonKey: Nicole Arendt and 妮可·阿伦特 both nkt).
        if (transcription || (han === null && !loose && tokens.length === 1)) for (const key of transcriptionKeys(name.value)) keys.add(fnv(PREFIX.k, key));
        for (const id of ids) {
          const t = this.tokenStrings[id]!;
          if (this.spelled.data[id] === 0) {
            this.spelled.data[id] = 1;
            if (t.length >= 4) for (const d of deletions(t)) this.addSpelling(d, t);
          }
          const singles = this.tokenKeys.data;
          for (let k = 0; k < (t.length >= 3 ? 3 : 1); k++) keys.add(singles[id * 3 + k]!);
        }
        const sounds = ids.map((id) => this.tokenSounds[id]!);
        for (let i = 0; i < tokens.length; i++)
          for (let j = i + 1; j < tokens.length; j++) {
            keys.add(pairHash('e', tokens[i]!, tokens[j]!));
            // Short tokens are their own sound: such a pair is already in under 'e'.
            if (sounds[i] !== tokens[i] || sounds[j] !== tokens[j]) keys.add(pairHash('f', sounds[i]!, sounds[j]!));
          }
      }
    });
    for (const key of keys) this.pendingKeys.push(this.keys.intern(key));
    this.pendingEnds.push(this.pendingKeys.length);
    for (const id of entity.identifiers ?? []) this.byIdentifier.set(normalizeId(id), n);
    const years = entity.birthYears ?? [];
    this.firstBorn.push(years.length ? Math.min(...years) : 0);
    this.lastBorn.push(years.length ? Math.max(...years) : 0);
  }

  /**
   * Packs the pending entities into the postings: counts per key, then each list's place, then one
   * pass that fills them (the lists already packed are copied first, so an entity's number only
   * grows along a list). Search packs by itself; call it to pay for it when the index is built.
   */
  pack(): void {
    if (this.pendingEnds.length === 0) return;
    const keyCount = this.keys.size;
    const packedKeys = this.start.length - 1;
    const start = new Int32Array(keyCount + 1);
    for (let k = 0; k < packedKeys; k++) start[k + 1] = this.start[k + 1]! - this.start[k]!;
    const pending = this.pendingKeys.data;
    for (let i = 0; i < this.pendingKeys.length; i++) start[pending[i]! + 1]!++;
    for (let k = 0; k < keyCount; k++) start[k + 1] = start[k + 1]! + start[k]!;
    const postings = new Int32Array(start[keyCount]!);
    const cursor = start.slice(0, keyCount);
    for (let k = 0; k < packedKeys; k++) for (let i = this.start[k]!; i < this.start[k + 1]!; i++) postings[cursor[k]!++] = this.postings[i]!;
    const firstPending = this.entities.length - this.pendingEnds.length;
    let i = 0;
    for (let e = 0; e < this.pendingEnds.length; e++) {
      const end = this.pendingEnds.data[e]!;
      for (; i < end; i++) postings[cursor[pending[i]!]!++] = firstPending + e;
    }
    this.start = start;
    this.postings = postings;
    this.pendingKeys = new IntList(1 << 16);
    this.pendingEnds = new IntList(1 << 10);
  }

  /** Where a key's entities lie in `postings` (an empty range if none has it). */
  private range(key: string): [number, number] {
    const k = this.keys.get(hashKey(key));
    return k < 0 ? [0, 0] : [this.start[k]!, this.start[k + 1]!];
  }

  /** What scoring needs of entity n, unpacked. */
  private unpack(n: number): IndexedEntity {
    const entity = this.entities[n]!;
    const pool = this.namePool.data;
    const strings = this.tokenStrings;
    let at = this.nameStart.data[n]!;
    const count = pool[at++]!;
    const names: IndexedName[] = [];
    for (let i = 0; i < count; i++) {
      const header = pool[at++]!;
      const value = entity.names[header >> 3]!.value;
      const tokens: string[] = [];
      for (let t = pool[at++]!; t > 0; t--) tokens.push(strings[pool[at++]!]!);
      const optional: string[] = [];
      for (let t = pool[at++]!; t > 0; t--) optional.push(strings[pool[at++]!]!);
      names.push({ value, han: header & 4 ? null : hanCharacters(value), tokens, optional: optional.length ? optional : NONE, weak: (header & 1) === 1, loose: (header & 2) === 2 });
    }
    return { names, fatherNames: [...new Set(names.flatMap((name) => name.optional.filter((t) => !PARTICLES.has(t))))], inHan: names.some((name) => name.han !== null) };
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
    const [from, to] = this.range(key);
    return to - from;
  }

  /**
   * Listed tokens one edit away from a query token that is not itself listed (a typo, a dropped or
   * doubled letter); a listed token is taken as spelled right, or short syllables would each
   * bring in a dozen others.
   */
  private nearSpellings(token: string): Set<string> {
    const near = new Set<string>();
    if (token.length < 4 || this.keys.get(hashKey(`t:${token}`)) >= 0) return near;
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
  private candidates(queryNames: { tokens: string[]; loose: boolean; skeletons: readonly string[]; exact?: boolean }[], query: ScreeningQuery): number[] {
    this.pack();
    if (this.scores.length < this.entities.length) this.scores = new Float64Array(this.entities.length * 2);
    const scores = this.scores;
    const postings = this.postings;
    const touched: number[] = [];
    const total = this.entities.length;
    const use = (key: string, weight: number) => {
      const [from, to] = this.range(key);
      if (from === to) return;
      const w = weight * Math.log(1 + total / (to - from));
      for (let i = from; i < to; i++) {
        const n = postings[i]!;
        if (scores[n] === 0) touched.push(n);
        scores[n] = scores[n]! + w;
      }
    };
    // Each query token with its listed spellings one edit away, the token first.
    const spelled: string[][] = [];
    for (const { tokens, loose, skeletons, exact } of queryNames) {
      use(`c:${compactKey(tokens)}`, 3);
      // A Wade–Giles reading is also looked up given name first (chiajungchuang).
      if (exact && tokens.length === 2) use(`c:${compactKey([tokens[1]!, tokens[0]!])}`, 3);
      if (loose) for (const k of new Set(deletions(consonants(tokens.join(''))))) use(`k:${k}`, 1.5);
      if (loose || tokens.length === 1) for (const key of transcriptionKeys(skeletons)) use(`k:${key}`, 3);
      // (A Wade–Giles reading is looked up as it is: it has no typos to forgive.)
      const spellings = tokens.map((t) => (exact ? [t] : [t, ...this.nearSpellings(t)]));
      spelled.push(...spellings);
      const sounds = spellings.map((near) => [...new Set(near.map(sound))]);
      for (let i = 0; i < tokens.length; i++)
        for (let j = i + 1; j < tokens.length; j++) {
          for (const a of spellings[i]!) for (const b of spellings[j]!) use(pairKey('e', a, b), a === tokens[i] && b === tokens[j] ? 2 : 1.6);
          for (const a of sounds[i]!) for (const b of sounds[j]!) use(pairKey('f', a, b), 1.2);
        }
    }
    // Found nowhere: two parts run together in the other order (a name listed run together: a
    // Chinese name is written family name first in characters, often given name first in Latin
    // letters, 彭帅 and shuaipeng); names of two parts are indexed in both orders already.
    if (touched.length === 0) for (const { tokens } of queryNames) if (tokens.length === 2) use(`c:${compactKey([tokens[1]!, tokens[0]!])}`, 3);
    if (touched.length === 0) {
      const singles = spelled.flatMap(([t, ...near]) => [...singleKeys(t!), ...near.map((n) => ({ key: `t:${n}`, weight: 0.8 }))]);
      const sized = singles.map((s) => ({ ...s, size: this.postingCount(s.key) })).filter((s) => s.size > 0).sort((a, b) => a.size - b.size);
      let spent = 0;
      for (const s of sized) {
        if (spent > 0 && spent + s.size > SINGLE_BUDGET) break;
        use(s.key, s.weight);
        spent += s.size;
      }
      // A name run together (svetlanakuznetsova against 斯维特兰娜·库兹涅佐娃) is also looked up by
      // its consonants, as Arabic script and transcriptions are.
      for (const { tokens, loose } of queryNames) if (!loose && tokens.length === 1) for (const k of new Set(deletions(consonants(tokens[0]!)))) use(`k:${k}`, 1.5);
    }
    for (const id of query.identifiers ?? []) {
      const n = this.byIdentifier.get(normalizeId(id));
      if (n === undefined) continue;
      if (scores[n] === 0) touched.push(n);
      scores[n] = scores[n]! + 100;
    }
    // Among namesakes, those born in the query's year (give or take one) come first.
    const year = query.birthYear;
    const first = this.firstBorn.data;
    const last = this.lastBorn.data;
    if (year) for (const n of touched) if (first[n]! - 1 <= year && year <= last[n]! + 1) scores[n] = scores[n]! + YEAR_BONUS;
    const best = topK(touched, scores, CANDIDATES);
    for (const n of touched) scores[n] = 0;
    return best;
  }

  search(query: ScreeningQuery, limit = 10, threshold = DEFAULT_THRESHOLD): ScreeningResult[] {
    const names = query.names
      .flatMap((value) => {
        const han = hanCharacters(value);
        const tokens = nameTokens(value);
        // Transcription skeletons, for a name run together (worked out only then: every query would pay).
        const name = { tokens, han, loose: detectScript(value) === 'arabic', skeletons: han === null && tokens.length === 1 ? skeletons(value) : NONE };
        if (han === null) return [name];
        // A name in characters is also read as a transcription, or (a Chinese name) in Wade–Giles,
        // as Taiwan's passports write it (许文馨 Hsu Wen-hsin).
        if (looksTranscribed(value)) return [name, { tokens: transcriptionTokens(value), han: null, loose: true, skeletons: skeletons(value) }];
        return [name, ...wadeGilesNames(value).map((wg) => ({ tokens: nameTokens(wg), han: null, loose: false, skeletons: NONE, exact: true }))];
      })
      .filter((q) => q.tokens.length > 0);
    const prepared = { names, patronymics: names.flatMap((q) => q.tokens.filter((t) => PATRONYMIC.test(t))) };
    return this.candidates(names, query)
      .map((n) => score(this.entities[n]!, this.unpack(n), prepared, query, threshold))
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
/**
 * A name's consonants, in one pass over its letters (it runs for every name indexed):
 * - a final h is dropped: it is often silent (Abdullah 阿卜杜拉);
 * - ng is n (Cyrillic writes pinyin's Zhang, Ming as Чжан, Мин), and an n before a letter other
 *   than a vowel is dropped: often a syllable's nasal ending in a transcription (穆罕默德
 *   mu-han-mo-de for Muhammad);
 * - the vowels (a e i o u y) are dropped; then sh and ch are s; then CONSONANT_CLASS.
 */
export function consonantsOf(t: string): string {
  const end = t.endsWith('h') ? t.length - 1 : t.length;
  // ng → n.
  const folded = scratchA;
  folded.length = 0;
  for (let i = 0; i < end; i++) {
    const c = t.charCodeAt(i);
    folded.push(c);
    if (c === N && i + 1 < end && t.charCodeAt(i + 1) === G) i++;
  }
  // n before a letter that is not a vowel, and the vowels, dropped.
  const kept = scratchB;
  kept.length = 0;
  for (let i = 0; i < folded.length; i++) {
    const c = folded[i]!;
    if (isVowel(c)) continue;
    if (c === N && i + 1 < folded.length && !isVowel(folded[i + 1]!)) continue;
    kept.push(c);
  }
  let out = '';
  for (let i = 0; i < kept.length; i++) {
    const c = kept[i]!;
    if ((c === S || c === C) && kept[i + 1] === H) {
      out += 's';
      i++;
    } else out += CLASS_OF[c] ?? String.fromCharCode(c);
  }
  return out;
}
const scratchA: number[] = [];
const scratchB: number[] = [];
const [N, G, S, C, H] = ['n', 'g', 's', 'c', 'h'].map((c) => c.charCodeAt(0)) as [number, number, number, number, number];
const isVowel = (c: number) => c === 97 || c === 101 || c === 105 || c === 111 || c === 117 || c === 121;
/** Consonants that transcriptions into characters or from Arabic script confuse, as one: voiced and voiceless, r and l. */
const CONSONANT_CLASS: Record<string, string> = { p: 'b', d: 't', g: 'k', q: 'k', h: 'k', x: 'k', f: 'v', w: 'v', z: 's', c: 's', j: 's', r: 'l' };
const CLASS_OF: (string | undefined)[] = [];
for (const [letter, kind] of Object.entries(CONSONANT_CLASS)) CLASS_OF[letter.charCodeAt(0)] = kind;
const skeletonCache = new Map<string, readonly string[]>();
/** skeletonsOf, cached by the name as written: compared for every candidate of a transcription. */
function skeletons(value: string): readonly string[] {
  let found = skeletonCache.get(value);
  if (found === undefined) {
    if (skeletonCache.size > 200_000) skeletonCache.clear();
    skeletonCache.set(value, (found = skeletonsOf(value)));
  }
  return found;
}
const WADE_GILES_EXACT = 0.95;
/**
 * What agreeing transcription skeletons are worth at most: they rank a transcription with its
 * Latin name (妮可·阿伦特, nicolearendt) but are too coarse to make a match alone (times
 * LOOSE_CONSONANTS, below the default threshold).
 */
const SKELETON_CAP = 0.84;
/** A name's transcription index keys ('~' and its skeletonKey, run together in each order of two parts); none under three letters. */
const transcriptionKeys = (value: string | readonly string[]) =>
  new Set((typeof value === 'string' ? skeletons(value) : value).map(skeletonKey).filter((k) => k.length >= 3).map((k) => `~${k}`));
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
  /** exact: a reading (Wade–Giles) that counts only where it spells the listed name (compact ≥ WADE_GILES_EXACT). */
  names: { tokens: string[]; han: string | null; loose: boolean; skeletons: readonly string[]; exact?: boolean }[];
  patronymics: string[];
}

function score(entity: ScreenedEntity, { names, fatherNames, inHan: listedInHan }: IndexedEntity, prepared: PreparedQuery, query: ScreeningQuery, threshold: number): ScreeningResult {
  const features: Record<string, number> = {};
  let nameScore = 0;
  let matchedName = names[0]?.value ?? '';
  let viaWeak = false;
  let loneToken = false;
  for (const { tokens: q, han, loose, skeletons: qSkeletons, exact } of prepared.names) {
    // A name of legal forms alone (Corp, ООО) names no one.
    if (q.every(isLegalForm)) continue;
    const qCompact = compactKey(q);
    const qNumbers = q.filter(hasDigit);
    // A name in Chinese characters meets the listed names in characters, where there are any.
    const inHan = han !== null && listedInHan;
    for (const name of names) {
      let s: number;
      let compact = 0;
      let skeletal = 0;
      if (inHan) {
        if (name.han === null) continue;
        s = hanSimilarity(han, name.han);
        compact = s;
      } else {
        // Run-together or split syllables (Xijinping, Xi Jin Ping) are compared whole; names part by part.
        const [fewer, more] = q.length < name.tokens.length ? [q, name.tokens] : [name.tokens, q];
        const split = fewer.length < more.length && meanLength(more) <= 4;
        const runTogether = q.length === 1 || name.tokens.length === 1 || split;
        // The query run together against the listed name in each order of its parts, or — a name
        // listed run together (nannanliu) — the query in each order of its parts (刘南楠 liu nannan).
        const compacts: readonly (readonly [string, string])[] = !runTogether
          ? []
          : name.tokens.length === 1 && q.length > 1
            ? compactsOf(q).map((c) => [c, name.tokens[0]!] as const)
            : compactsOf(name.tokens).map((c) => [qCompact, c] as const);
        for (const [a, b] of compacts) compact = Math.max(compact, tokenPairSimilarity(a, b));
        s = Math.max(tokenSimilarity(q, name), compact * 0.98);
        if (loose || name.loose) {
          // By consonants: part by part, and whole (a transcription may come without its dot).
          let whole = 0;
          for (const [a, b] of compacts) whole = Math.max(whole, wholeConsonantSimilarity(consonants(a), consonants(b)));
          // A transcription or a name in Arabic script against a Latin or Cyrillic name run together
          // (or the reverse), by transcription skeletons.
          if (runTogether && loose !== name.loose && qSkeletons.length)
            for (const a of qSkeletons) for (const b of skeletons(name.value)) skeletal = Math.max(skeletal, Math.min(SKELETON_CAP, skeletonSimilarity(a, b)));
          whole = Math.max(whole, skeletal);
          compact = Math.max(compact, whole);
          s = Math.max(s, Math.max(tokenSimilarity(q.map(consonants), consonantal(name), consonantSimilarity), whole) * LOOSE_CONSONANTS);
        }
        // A Wade–Giles reading is one more way to read the characters, not a spelling someone chose.
        if (exact && compact < WADE_GILES_EXACT) s = Math.min(s, NON_MATCH_CAP);
        // Two organisations with different numbers are different organisations.
        const numbers = name.tokens.filter(hasDigit);
        if (qNumbers.length && numbers.length && !qNumbers.some((n) => numbers.includes(n))) s = Math.min(s, NON_MATCH_CAP);
      }
      if (s > nameScore) {
        nameScore = s;
        matchedName = name.value;
        viaWeak = name.weak;
        // One word against a longer name is a lone name part unless it spells the whole name.
        // (Transcription skeletons that agree in full also spell the whole name: 安·文德利希, annwunderlich.)
        loneToken = q.length === 1 && name.tokens.filter((t) => !isLegalForm(t)).length > 1 && compact < 0.9 && skeletal < SKELETON_CAP;
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
