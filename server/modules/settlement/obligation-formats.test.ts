import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { instructionsCsv, instructionsPacs009, readObligationsCsv, readPacs } from './obligation-formats.ts';

const HEADER = 'id,payer,payee,currency,amount,value_date,reference\n';

test('CSV: good rows become minor units; each bad row is named by its line', () => {
  const good = readObligationsCsv(`${HEADER}A-1,CBR,PBC,RUB,1250.50,2026-12-01,inv 1\nA-2,PBC,CBR,CNY,3,2026-12-01,\n`);
  assert.deepEqual(good.problems, []);
  assert.deepEqual(good.records.map((r) => [r.id, r.amount, r.reference, r.at]), [['A-1', 125050, 'inv 1', 'line 2'], ['A-2', 300, null, 'line 3']]);
  const bad = readObligationsCsv(`${HEADER}A-1,CBR,PBC,RUB,12.345,2026-12-01,\nA-2,CBR,PBC,XXX,1,2026-12-01,\nA-3,CBR,PBC,RUB,1,01.12.2026,\n`);
  assert.deepEqual(bad.problems.map((p) => p.at), ['line 2', 'line 3', 'line 4']);
  assert.match(bad.problems[0]!.message, /at most 2 decimals for RUB/);
  assert.deepEqual(readObligationsCsv(HEADER).problems.map((p) => p.at), ['line 1']);
});

const pacs = (tx: string, n = 1) => `<?xml version="1.0"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.009.001.08"><FICdtTrf><GrpHdr><MsgId>M</MsgId><NbOfTxs>${n}</NbOfTxs><IntrBkSttlmDt>2026-12-03</IntrBkSttlmDt></GrpHdr>\n${tx}\n</FICdtTrf></Document>`;
const tx = (amount = '10.00', ccy = 'CNY') => `<CdtTrfTxInf><PmtId><InstrId>I</InstrId><EndToEndId>E2E-1</EndToEndId><UETR>eb6305c9-1f7f-49de-aed0-16487c27b42d</UETR></PmtId><IntrBkSttlmAmt Ccy="${ccy}">${amount}</IntrBkSttlmAmt><Dbtr><FinInstnId><BICFI>XPBCCNBJ</BICFI></FinInstnId></Dbtr><Cdtr><FinInstnId><BICFI>XCBRRUMM</BICFI></FinInstnId></Cdtr></CdtTrfTxInf>`;

test('pacs.009: FI to FI transfers with the group\'s settlement date; problems by transaction and line', () => {
  const ok = readPacs(pacs(tx()));
  assert.deepEqual(ok.records.map((r) => [r.id, r.payer, r.payee, r.amount, r.valueDate, r.reference]), [['eb6305c9-1f7f-49de-aed0-16487c27b42d', 'XPBCCNBJ', 'XCBRRUMM', 1000, '2026-12-03', 'E2E-1']]);
  const bad = readPacs(pacs(`${tx()}\n${tx('1.234')}`, 3));
  assert.deepEqual(bad.problems, [{ at: 'GrpHdr/NbOfTxs', message: 'says 3 transactions, the message has 2' }, { at: 'CdtTrfTxInf 2 (line 4)', message: 'IntrBkSttlmAmt must be positive, with at most 2 decimals and under 2^53 minor units' }]);
  assert.match(readPacs('<Document><FICdtTrf>').problems[0]!.message, /not well-formed/);
  assert.match(readPacs('<Document><Other/></Document>').problems[0]!.message, /pacs.008.*pacs.009/);
});

test('instructions: CSV and a pacs.009 that reads back with the same amounts', () => {
  const rows = [{ participant: 'CBR', bic: 'XCBRRUMM', currency: 'RUB', direction: 'debit' as const, amount: 125050 }, { participant: 'PBC', bic: 'XPBCCNBJ', currency: 'RUB', direction: 'credit' as const, amount: 125050 }];
  assert.equal(instructionsCsv({ id: 'SC-20261201-1', date: '2026-12-01' }, rows), 'cycle,value_date,participant,bic,currency,direction,amount\nSC-20261201-1,2026-12-01,CBR,XCBRRUMM,RUB,debit,1250.50\nSC-20261201-1,2026-12-01,PBC,XPBCCNBJ,RUB,credit,1250.50\n');
  const xml = instructionsPacs009({ id: 'SC-20261201-1', date: '2026-12-01', createdAt: '2026-12-01T18:00:00.000Z' }, rows);
  const doc = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'CdtTrfTxInf' }).parse(xml).Document.FICdtTrf;
  assert.equal(doc.GrpHdr.NbOfTxs, 2);
  assert.deepEqual(doc.CdtTrfTxInf.map((t: { Dbtr: { FinInstnId: { BICFI?: string } }; Cdtr: { FinInstnId: { BICFI?: string } }; IntrBkSttlmAmt: { '#text': number } }) => [t.Dbtr.FinInstnId.BICFI ?? 'settlement', t.Cdtr.FinInstnId.BICFI ?? 'settlement', t.IntrBkSttlmAmt['#text']]), [['XCBRRUMM', 'settlement', 1250.5], ['settlement', 'XPBCCNBJ', 1250.5]]);
});
