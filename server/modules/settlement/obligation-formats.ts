/**
 * Obligations in and settlement instructions out, as CSV and as the subset of ISO 20022 the
 * module needs — pure (text in, records or text out). Every problem carries its place: the CSV
 * line, or the pacs transaction's number and line.
 *
 * Read: pacs.008.001.xx (FIToFICstmrCdtTrf; payer = DbtrAgt, payee = CdtrAgt) and pacs.009.001.xx
 * (FICdtTrf; payer = Dbtr, payee = Cdtr), each CdtTrfTxInf giving PmtId (UETR, TxId or EndToEndId
 * as the obligation's id; EndToEndId as its reference), IntrBkSttlmAmt with its Ccy, and
 * IntrBkSttlmDt (or the group header's). Written: pacs.009.001.08 settlement instructions between
 * each participant and the settlement account.
 */
import { stringify } from 'csv-stringify/sync';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { checkRows, readCsv } from '../../http/tabular.ts';
import { fromMinorUnits, MINOR_UNITS, toMinorUnits } from './rates.ts';

export interface ObligationRecord {
  id: string;
  /** Participant id (CSV) or BIC (pacs), as `by` says. */
  payer: string;
  payee: string;
  by: 'id' | 'bic';
  currency: string;
  amount: number;
  valueDate: string;
  reference: string | null;
  /** Where it was read: "line 4" or "CdtTrfTxInf 2 (line 31)". */
  at: string;
}

export interface FormatProblem {
  at: string;
  message: string;
}

/** The good records and the problems of the bad ones (the file is good when there are none). */
export interface ReadResult {
  format: 'csv' | 'pacs.008' | 'pacs.009';
  records: ObligationRecord[];
  problems: FormatProblem[];
}

export const CSV_COLUMNS = ['id', 'payer', 'payee', 'currency', 'amount', 'value_date', 'reference'] as const;
const ID = '^[A-Za-z0-9][A-Za-z0-9/._:-]{0,63}$';
const rowSchema = {
  type: 'object',
  required: ['id', 'payer', 'payee', 'currency', 'amount', 'value_date'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: ID },
    payer: { type: 'string', pattern: '^[A-Z0-9]{2,12}$' },
    payee: { type: 'string', pattern: '^[A-Z0-9]{2,12}$' },
    currency: { enum: Object.keys(MINOR_UNITS) },
    amount: { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?$' },
    value_date: { type: 'string', format: 'date' },
    reference: { type: 'string', maxLength: 140 },
  },
};

/** A CSV file of obligations (columns as CSV_COLUMNS; amounts in major units, "1250.00"). */
export function readObligationsCsv(text: string): ReadResult {
  let rows;
  try {
    rows = readCsv(text);
  } catch (e) {
    return { format: 'csv', records: [], problems: [{ at: `line ${(e as { lines?: number }).lines ?? '?'}`, message: (e as Error).message }] };
  }
  if (rows.length === 0) return { format: 'csv', records: [], problems: [{ at: 'line 1', message: `no obligations (columns: ${CSV_COLUMNS.join(',')})` }] };
  const problems: FormatProblem[] = checkRows(rowSchema, rows).map((p) => ({ at: `line ${p.line}`, message: p.message }));
  const records: ObligationRecord[] = [];
  for (const { line, cells } of rows) {
    if (problems.some((p) => p.at === `line ${line}`)) continue;
    const amount = toMinorUnits(cells.amount!, cells.currency!);
    if (amount === null) {
      problems.push({ at: `line ${line}`, message: `column "amount" must be positive, with at most ${MINOR_UNITS[cells.currency!]} decimals for ${cells.currency} and under 2^53 minor units` });
      continue;
    }
    records.push({ id: cells.id!, payer: cells.payer!, payee: cells.payee!, by: 'id', currency: cells.currency!, amount, valueDate: cells.value_date!, reference: cells.reference ?? null, at: `line ${line}` });
  }
  return { format: 'csv', records, problems: problems.sort((a, b) => Number(a.at.slice(5)) - Number(b.at.slice(5))) };
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, parseTagValue: false, trimValues: true, isArray: (name) => name === 'CdtTrfTxInf' });
type Node = Record<string, unknown>;
const at = (node: unknown, ...path: string[]): unknown => path.reduce<unknown>((n, k) => (n && typeof n === 'object' ? (n as Node)[k] : undefined), node);
const text = (node: unknown, ...path: string[]): string | undefined => {
  const v = at(node, ...path);
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as Node)['#text'] === 'string') return (v as Node)['#text'] as string;
  return undefined;
};

/** An ISO 20022 pacs.008 or pacs.009 message (the subset described above). */
export function readPacs(xml: string): ReadResult {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { format: 'pacs.008', records: [], problems: [{ at: `line ${valid.err.line}`, message: `not well-formed XML: ${valid.err.msg}` }] };
  const doc = at(parser.parse(xml), 'Document');
  const [format, root] = at(doc, 'FIToFICstmrCdtTrf') ? (['pacs.008', at(doc, 'FIToFICstmrCdtTrf')] as const) : at(doc, 'FICdtTrf') ? (['pacs.009', at(doc, 'FICdtTrf')] as const) : [null, null];
  if (!format) return { format: 'pacs.008', records: [], problems: [{ at: 'Document', message: 'expected a pacs.008 (FIToFICstmrCdtTrf) or pacs.009 (FICdtTrf) message' }] };
  const txs = (at(root, 'CdtTrfTxInf') as unknown[] | undefined) ?? [];
  if (txs.length === 0) return { format, records: [], problems: [{ at: `${format} CdtTrfTxInf`, message: 'no transactions' }] };
  // Lines of each transaction's start tag, so a problem can be found in the file.
  const lines = [...xml.matchAll(/<(?:[\w-]+:)?CdtTrfTxInf[\s>]/g)].map((m) => xml.slice(0, m.index).split('\n').length);
  const declared = text(root, 'GrpHdr', 'NbOfTxs');
  const problems: FormatProblem[] = [];
  if (declared !== undefined && Number(declared) !== txs.length) problems.push({ at: 'GrpHdr/NbOfTxs', message: `says ${declared} transactions, the message has ${txs.length}` });
  const groupDate = text(root, 'GrpHdr', 'IntrBkSttlmDt');
  const [payerPath, payeePath] = format === 'pacs.008' ? [['DbtrAgt', 'FinInstnId', 'BICFI'], ['CdtrAgt', 'FinInstnId', 'BICFI']] : [['Dbtr', 'FinInstnId', 'BICFI'], ['Cdtr', 'FinInstnId', 'BICFI']];
  const records: ObligationRecord[] = [];
  txs.forEach((tx, i) => {
    const where = `CdtTrfTxInf ${i + 1} (line ${lines[i] ?? '?'})`;
    const fail = (message: string) => problems.push({ at: where, message });
    const id = text(tx, 'PmtId', 'UETR') ?? text(tx, 'PmtId', 'TxId') ?? text(tx, 'PmtId', 'EndToEndId');
    const payer = text(tx, ...payerPath);
    const payee = text(tx, ...payeePath);
    const currency = text(tx, 'IntrBkSttlmAmt', '@Ccy');
    const amountText = text(tx, 'IntrBkSttlmAmt');
    const valueDate = text(tx, 'IntrBkSttlmDt') ?? groupDate;
    if (!id || !new RegExp(ID).test(id)) return fail('PmtId needs a UETR, TxId or EndToEndId of letters, digits and /._:-');
    if (!payer) return fail(`${payerPath.join('/')} is missing`);
    if (!payee) return fail(`${payeePath.join('/')} is missing`);
    if (!currency || MINOR_UNITS[currency] === undefined) return fail(`IntrBkSttlmAmt@Ccy must be one of ${Object.keys(MINOR_UNITS).join(', ')}`);
    const amount = amountText === undefined ? null : toMinorUnits(amountText, currency);
    if (amount === null) return fail(`IntrBkSttlmAmt must be positive, with at most ${MINOR_UNITS[currency]} decimals and under 2^53 minor units`);
    if (!valueDate || !/^\d{4}-\d{2}-\d{2}$/.test(valueDate) || Number.isNaN(Date.parse(valueDate))) return fail('IntrBkSttlmDt must be a date YYYY-MM-DD');
    records.push({ id, payer, payee, by: 'bic', currency, amount, valueDate, reference: text(tx, 'PmtId', 'EndToEndId') ?? null, at: where });
  });
  return { format, records, problems };
}

export interface InstructionRow {
  participant: string;
  bic: string;
  currency: string;
  direction: 'debit' | 'credit';
  /** Minor units. */
  amount: number;
}

/** Settlement instructions of a cycle as CSV (amounts in major units). */
export function instructionsCsv(cycle: { id: string; date: string }, rows: readonly InstructionRow[]): string {
  return stringify(rows.map((r) => ({ cycle: cycle.id, value_date: cycle.date, participant: r.participant, bic: r.bic, currency: r.currency, direction: r.direction, amount: fromMinorUnits(r.amount, r.currency) })), { header: true, columns: ['cycle', 'value_date', 'participant', 'bic', 'currency', 'direction', 'amount'] });
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', format: true, suppressEmptyNode: true });
/** The settlement account every net position is paid into or out of, as pacs.009 names it. */
export const SETTLEMENT_ACCOUNT = { FinInstnId: { Nm: 'SCO national-currency settlement account', Othr: { Id: 'SCO-NETTING' } } };

/**
 * Settlement instructions as a pacs.009.001.08 FICdtTrf: a debit is a transfer from the participant
 * to the settlement account, a credit one from the settlement account to the participant.
 */
export function instructionsPacs009(cycle: { id: string; date: string; createdAt: string }, rows: readonly InstructionRow[]): string {
  const txs = rows.map((r, i) => {
    const party = { FinInstnId: { BICFI: r.bic } };
    return {
      PmtId: { InstrId: `${cycle.id}-${i + 1}`, EndToEndId: `${cycle.id}-${r.participant}-${r.currency}` },
      IntrBkSttlmAmt: { '@Ccy': r.currency, '#text': fromMinorUnits(r.amount, r.currency) },
      IntrBkSttlmDt: cycle.date,
      Dbtr: r.direction === 'debit' ? party : SETTLEMENT_ACCOUNT,
      Cdtr: r.direction === 'debit' ? SETTLEMENT_ACCOUNT : party,
    };
  });
  const doc = {
    '?xml': { '@version': '1.0', '@encoding': 'UTF-8' },
    Document: {
      '@xmlns': 'urn:iso:std:iso:20022:tech:xsd:pacs.009.001.08',
      FICdtTrf: {
        GrpHdr: { MsgId: cycle.id, CreDtTm: cycle.createdAt, NbOfTxs: String(rows.length), SttlmInf: { SttlmMtd: 'CLRG' } },
        CdtTrfTxInf: txs,
      },
    },
  };
  return builder.build(doc) as string;
}
