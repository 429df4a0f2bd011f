import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { csvSeparator, formulaSafe, readCsv, readCsvUpload, toCsv } from './tabular.ts';
import { decodeText, looksLikeWindows1251 } from './text-encoding.ts';
import { isCalendarDate } from './common-schemas.ts';

test('a cell that would start a formula is exported with a leading apostrophe, in every position', () => {
  for (const [cell, safe] of [['=1+1', "'=1+1"], ['+7 495', "'+7 495"], ['-5', "'-5"], ['@SUM(A1)', "'@SUM(A1)"], ['\tx', "'\tx"], ['\rx', "'\rx"], ['plain', 'plain'], ['', ''], ["'quoted", "'quoted"], ["'=x", "''=x"]]) {
    assert.equal(formulaSafe(cell!), safe);
  }
  const csv = toCsv([{ a: '=HYPERLINK("http://x")', b: 3 }], { header: true, columns: ['a', 'b'] });
  assert.match(csv, /^a,b\n"'=HYPERLINK\(""http:\/\/x""\)",3\n$/);
});

test('an exported table reads back as it was (formula-safe quoting is undone on import)', () => {
  const cell = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s && s.trim() !== '' && !s.includes('\r'));
  fc.assert(
    fc.property(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 5 }), (pairs) => {
      const rows = pairs.map(([a, b]) => ({ a, b }));
      const back = readCsv(toCsv(rows, { header: true, columns: ['a', 'b'] })).map((r) => r.cells);
      assert.deepEqual(back, rows);
    }),
  );
});

test('the separator is detected; a semicolon file reads like a comma file', async () => {
  assert.equal(csvSeparator('code;title;responsible_states\n1;a,b;RU'), ';');
  assert.equal(csvSeparator('"a;b",c\n'), ',');
  assert.equal(csvSeparator('code\tname'), '\t');
  assert.deepEqual((await readCsvUpload('code;title\nA;Первый, второй\n')).map((r) => r.cells), [{ code: 'A', title: 'Первый, второй' }]);
});

test('a row is named by the line where its record starts; a CRLF counts once', async () => {
  const text = 'code,title\r\nA,"two\r\nlines"\r\nB,x\r\n\r\nC,"a\r\nb\r\nc"\r\nD,y';
  for (const rows of [readCsv(text), await readCsvUpload(text)]) assert.deepEqual(rows.map((r) => [r.cells.code, r.line]), [['A', 2], ['B', 4], ['C', 6], ['D', 9]]);
  // Across the slices the upload reader parses between event-loop turns.
  const many = ['code,title', ...Array.from({ length: 5000 }, (_, i) => `M${i},"title ${i}\r\nsecond line"`)].join('\r\n');
  const rows = await readCsvUpload(many);
  assert.equal(rows.length, 5000);
  assert.equal(rows[4999]!.line, 2 + 2 * 4999);
});

test('uploads are decoded from UTF-8 (BOM or not), UTF-16 with BOM and windows-1251, or refused', () => {
  const cyrillic = 'code,title\nA,Привет мир\n';
  const cp1251 = Buffer.from([...'code,title\nA,'].map((c) => c.charCodeAt(0)).concat([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x20, 0xec, 0xe8, 0xf0, 0x0a]));
  assert.equal(decodeText(Buffer.from(cyrillic)), cyrillic);
  assert.equal(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(cyrillic)])), cyrillic);
  assert.equal(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(cyrillic, 'utf16le')])), cyrillic);
  assert.equal(decodeText(cp1251), cyrillic);
  assert.ok(looksLikeWindows1251(cp1251));
  // Latin-1 "café" is neither UTF-8 nor Cyrillic: refused, not stored with U+FFFD.
  assert.throws(() => decodeText(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0xe0, 0x20, 0xfc])), /neither UTF-8 nor windows-1251/);
  assert.throws(() => decodeText(Buffer.from('a\ufffdb')), /U\+FFFD/);
});

test('calendar dates: year 0001–9999 and days that exist', () => {
  for (const [d, ok] of [['2024-02-29', true], ['2023-02-29', false], ['0000-01-01', false], ['0001-01-01', true], ['9999-12-31', true], ['2024-13-01', false], ['2024-04-31', false], ['1900-02-29', false], ['2000-02-29', true], ['24-01-01', false]] as const) {
    assert.equal(isCalendarDate(d), ok, d);
  }
  fc.assert(fc.property(fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }), (d) => isCalendarDate(d.toISOString().slice(0, 10))));
});
