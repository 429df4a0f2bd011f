/**
 * Jaro-Winkler similarity of two strings, 0..1. Written here rather than taken from a package
 * because it is the engine's inner loop: this version reuses one buffer and allocates nothing.
 */
const MAX = 64;
const matchedB = new Uint8Array(MAX);
/** Positions in `a` of the matched characters, in order. */
const matchedA = new Uint8Array(MAX);

export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = Math.min(a.length, MAX);
  const lb = Math.min(b.length, MAX);
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  matchedB.fill(0, 0, lb);
  let matches = 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    const start = Math.max(0, i - window);
    const end = Math.min(lb, i + window + 1);
    for (let j = start; j < end; j++) {
      if (matchedB[j] || a.charCodeAt(i) !== b.charCodeAt(j)) continue;
      matchedB[j] = 1;
      matchedA[matches++] = i;
      break;
    }
  }
  if (matches === 0) return 0;
  for (let j = 0; j < lb; j++) {
    if (!matchedB[j]) continue;
    if (a.charCodeAt(matchedA[k++]!) !== b.charCodeAt(j)) transpositions++;
  }
  const jaro = (matches / la + matches / lb + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}
