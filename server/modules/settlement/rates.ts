/**
 * Money arithmetic without floating point, and cross rates — pure.
 * Decimal strings become exact ratios of BigInts; a rate between two currencies is found directly,
 * as the inverse of the opposite quote, or as a cross rate through a vehicle currency.
 */
import type { UnitRate } from './netting.ts';

/**
 * ISO 4217 minor units (decimal places) of the currencies the module settles: the national
 * currencies of the SCO member states and common vehicle currencies (source: ISO 4217 list one).
 */
export const MINOR_UNITS: Readonly<Record<string, number>> = {
  BYN: 2, CNY: 2, INR: 2, IRR: 2, KGS: 2, KZT: 2, PKR: 2, RUB: 2, TJS: 2, UZS: 2, USD: 2, EUR: 2, MNT: 2,
};
export const CURRENCIES = Object.keys(MINOR_UNITS).sort();
/** The national currencies of the SCO member states, with the state that issues each (ISO 4217). */
export const NATIONAL_CURRENCIES: Readonly<Record<string, string>> = { BYN: 'BY', CNY: 'CN', INR: 'IN', IRR: 'IR', KGS: 'KG', KZT: 'KZ', PKR: 'PK', RUB: 'RU', TJS: 'TJ', UZS: 'UZ' };

export interface Ratio {
  num: bigint;
  den: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const reduce = ({ num, den }: Ratio): Ratio => {
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g };
};
export const multiply = (a: Ratio, b: Ratio): Ratio => reduce({ num: a.num * b.num, den: a.den * b.den });
export const invert = (a: Ratio): Ratio => ({ num: a.den, den: a.num });

/** "12.3456" → 123456/10000. Throws on anything but a plain non-negative decimal. */
export function parseDecimal(text: string): Ratio {
  const m = /^([0-9]+)(?:\.([0-9]+))?$/.exec(text.trim());
  if (!m) throw new RangeError(`"${text}" is not a decimal number`);
  const frac = m[2] ?? '';
  return reduce({ num: BigInt(m[1]! + frac), den: 10n ** BigInt(frac.length) });
}

/** A ratio as a decimal string with `places` digits, rounded half up. */
export function formatRatio(r: Ratio, places = 6): string {
  const scaled = (r.num * 10n ** BigInt(places) * 2n + r.den) / (2n * r.den);
  const s = scaled.toString().padStart(places + 1, '0');
  return places === 0 ? s : `${s.slice(0, -places)}.${s.slice(-places)}`;
}

/**
 * An amount in major units ("1250.5") → integer minor units of `currency`; null when it has more
 * decimals than the currency allows, is not a positive decimal, or the currency is unknown.
 */
export function toMinorUnits(text: string, currency: string): number | null {
  const places = MINOR_UNITS[currency];
  const m = /^([0-9]+)(?:\.([0-9]+))?$/.exec(text.trim());
  if (places === undefined || !m || (m[2] ?? '').length > places) return null;
  const minor = Number(BigInt(m[1]! + (m[2] ?? '').padEnd(places, '0')));
  return Number.isSafeInteger(minor) && minor > 0 ? minor : null;
}

/** Integer minor units → the major-unit decimal string ISO 20022 and the CSV files use. */
export function fromMinorUnits(minor: number | bigint, currency: string): string {
  const places = MINOR_UNITS[currency] ?? 2;
  const s = BigInt(minor).toString().padStart(places + 1, '0');
  return places === 0 ? s : `${s.slice(0, -places)}.${s.slice(-places)}`;
}

export interface QuotedRate {
  base: string;
  quote: string;
  /** 1 base = rate quote. */
  rate: Ratio;
  source: string;
}

export interface CrossRate {
  from: string;
  to: string;
  rate: Ratio;
  /** How it was found: the quotes used, in order (each "BASE/QUOTE", "~" marking an inverse). */
  path: string[];
  sources: string[];
}

/**
 * 1 `from` = ? `to`, from the day's quotes: direct, inverse, or through `vehicle` (from → vehicle
 * → to). Returns null when none of these exists. The identity for from = to.
 */
export function crossRate(quotes: readonly QuotedRate[], from: string, to: string, vehicle?: string | null): CrossRate | null {
  if (from === to) return { from, to, rate: { num: 1n, den: 1n }, path: [], sources: [] };
  const direct = (a: string, b: string): CrossRate | null => {
    const q = quotes.find((x) => x.base === a && x.quote === b);
    if (q) return { from: a, to: b, rate: q.rate, path: [`${a}/${b}`], sources: [q.source] };
    const r = quotes.find((x) => x.base === b && x.quote === a);
    if (r) return { from: a, to: b, rate: invert(r.rate), path: [`~${b}/${a}`], sources: [r.source] };
    return null;
  };
  const found = direct(from, to);
  if (found || !vehicle || vehicle === from || vehicle === to) return found;
  const leg1 = direct(from, vehicle);
  const leg2 = direct(vehicle, to);
  if (!leg1 || !leg2) return null;
  return { from, to, rate: multiply(leg1.rate, leg2.rate), path: [...leg1.path, ...leg2.path], sources: [...new Set([...leg1.sources, ...leg2.sources])] };
}

/** Settlement-unit minor units per minor unit of `currency`, given 1 currency = `rate` unit. */
export function unitRate(rate: Ratio, currency: string, unit: string): UnitRate {
  const d = (MINOR_UNITS[unit] ?? 2) - (MINOR_UNITS[currency] ?? 2);
  return d >= 0 ? reduce({ num: rate.num * 10n ** BigInt(d), den: rate.den }) : reduce({ num: rate.num, den: rate.den * 10n ** BigInt(-d) });
}
