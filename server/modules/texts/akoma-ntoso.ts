/**
 * A text version as an Akoma Ntoso 3.0 document (OASIS LegalDocML): the FRBR identification of
 * the work (the registry's document URI), the expression (language and version) and this
 * manifestation, then preamble, body (chapters, articles, paragraphs) and conclusions with the
 * units' eIds. Built with fast-xml-parser's builder, which escapes text and attributes.
 */
import { XMLBuilder } from 'fast-xml-parser';
import type { Language, TextUnit } from './text-structure.ts';

export const AKN_NAMESPACE = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';
/** ISO 639-2 codes, as FRBRlanguage and AKN expression URIs use. */
export const LANGUAGE_639_2: Record<Language, string> = { en: 'eng', ru: 'rus', zh: 'zho' };

export interface AknDocument {
  /** The work's Akoma Ntoso URI, e.g. /akn/sco/act/charter/2002-06-07/charter. */
  uri: string;
  /** The document's kind ("charter", "convention"), the act's @name. */
  kind: string;
  title: string;
  date: string | null;
  language: Language;
  version: number;
  /** When this version was recorded (YYYY-MM-DD). */
  versionDate: string;
  units: readonly TextUnit[];
}

type Node = Record<string, unknown>;
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', format: true, suppressEmptyNode: true });

const p = (text: string) => ({ p: text.split('\n').map((t) => ({ '#text': t })) });

/** The version's eId tree as AKN elements, in document order. */
function children(units: readonly TextUnit[], parent: string | null): Node[] {
  return units.filter((u) => u.parent === parent && u.kind !== 'preamble' && u.kind !== 'conclusions' && u.kind !== 'recital').map((u) => element(units, u));
}

function element(units: readonly TextUnit[], u: TextUnit): Node {
  const own: Node = { '@eId': u.eid };
  if (u.num !== null) own.num = u.num;
  if (u.heading) own.heading = u.heading;
  if (u.kind === 'paragraph') return { paragraph: { ...own, content: p(u.body) } };
  const inner = children(units, u.eid);
  if (u.kind === 'chapter') {
    // A chapter's own words before its first article are its intro.
    return { chapter: { ...own, ...(u.body ? { intro: p(u.body) } : {}), ...(inner.length ? { '#inner': inner } : { content: p('') }) } };
  }
  return { article: { ...own, ...(inner.length ? { '#inner': inner } : { content: p('') }) } };
}

/** Flattens the '#inner' arrays (children of several element names, in order) into builder input. */
function ordered(node: Node): Node {
  const out: Node = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '#inner') {
      for (const child of v as Node[]) {
        const [name, value] = Object.entries(child)[0]!;
        const list = (out[name] as unknown[] | undefined) ?? [];
        list.push(ordered(value as Node));
        out[name] = list;
      }
    } else out[k] = v;
  }
  return out;
}

/** Serialises a text version as Akoma Ntoso 3.0 XML. */
export function toAkomaNtoso(d: AknDocument): string {
  const lang = LANGUAGE_639_2[d.language];
  const expression = `${d.uri}/${lang}@v${d.version}`;
  const workDate = d.date ?? d.versionDate;
  const recitals = d.units.filter((u) => u.kind === 'recital');
  const conclusions = d.units.find((u) => u.kind === 'conclusions');
  // The builder keeps one key per element name; chapters and articles at the top never mix in
  // the texts this parser accepts (articles before the first chapter go to the body first).
  const top = children(d.units, null);
  const body: Node = {};
  for (const t of top) {
    const [name, value] = Object.entries(t)[0]!;
    const list = (body[name] as unknown[] | undefined) ?? [];
    list.push(ordered(value as Node));
    body[name] = list;
  }
  const act: Node = {
    '@name': d.kind,
    meta: {
      identification: {
        '@source': '#secretariat',
        FRBRWork: {
          FRBRthis: { '@value': `${d.uri}/!main` }, FRBRuri: { '@value': d.uri }, FRBRdate: { '@date': workDate, '@name': 'signature' },
          FRBRauthor: { '@href': '#sco' }, FRBRcountry: { '@value': 'sco' }, FRBRname: { '@value': d.title },
        },
        FRBRExpression: {
          FRBRthis: { '@value': `${expression}/!main` }, FRBRuri: { '@value': expression }, FRBRdate: { '@date': d.versionDate, '@name': `version ${d.version}` },
          FRBRauthor: { '@href': '#secretariat' }, FRBRlanguage: { '@language': lang },
        },
        FRBRManifestation: {
          FRBRthis: { '@value': `${expression}/!main.xml` }, FRBRuri: { '@value': `${expression}.akn` }, FRBRdate: { '@date': d.versionDate, '@name': 'generation' },
          FRBRauthor: { '@href': '#secretariat' },
        },
      },
      references: {
        '@source': '#secretariat',
        TLCOrganization: [
          { '@eId': 'sco', '@href': '/ontology/organization/sco', '@showAs': 'Shanghai Cooperation Organisation' },
          { '@eId': 'secretariat', '@href': '/ontology/organization/sco.secretariat', '@showAs': 'SCO Secretariat' },
        ],
      },
    },
  };
  if (recitals.length) act.preamble = { '@eId': 'preamble', container: recitals.map((r) => ({ '@eId': r.eid, '@name': 'recital', ...p(r.body) })) };
  act.body = body;
  if (conclusions) act.conclusions = { '@eId': 'conclusions', container: { '@eId': 'conclusions__signature', '@name': 'final', ...p(conclusions.body) } };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ akomaNtoso: { '@xmlns': AKN_NAMESPACE, act } })}`;
}
