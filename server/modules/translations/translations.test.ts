import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getJson, useTestApp } from '../../testing/test-app.ts';
import { referenceDir } from '../../testing/test-database.ts';
import { InvalidReferenceData, loadReference } from '../../reference/load-reference.ts';

const { app } = useTestApp();

type Item = { kind: string; id: string; field: string; lang: string; text: string; confidence: string };

test('every document, organ and status basis reads in Russian and Chinese, from its file or from translations.csv', async () => {
  const { items } = await getJson<{ items: Item[] }>(app(), '/api/v1/translations');
  const has = (kind: string, id: string, field: string, lang: string) => items.some((t) => t.kind === kind && t.id === id && t.field === field && t.lang === lang);
  const docs = (await getJson<{ items: { id: string; title: { ru: string | null; zh: string | null } }[] }>(app(), '/api/v1/documents?per_page=200')).items;
  for (const d of docs) for (const lang of ['ru', 'zh'] as const) assert.ok(d.title[lang] || has('document', d.id, 'title', lang), `${d.id} has no ${lang} title`);
  const organs = (await getJson<{ items: { id: string; name: { ru: string | null }; functions: string[] }[] }>(app(), '/api/v1/organs?per_page=200')).items;
  for (const o of organs) {
    for (const lang of ['ru', 'zh']) {
      assert.ok(o.name.ru || has('organ', o.id, 'name', lang), `${o.id} has no ${lang} name`);
      if (o.functions.length) assert.ok(has('organ', o.id, 'functions', lang), `${o.id} has no ${lang} functions`);
    }
  }
  assert.ok(has('state', 'TR', 'name', 'ru') && has('state', 'TR', 'name', 'zh'), 'Turkey has its Russian and Chinese names');
  assert.ok(items.every((t) => ['official', 'own_translation'].includes(t.confidence)));
  const ru = await getJson<{ items: Item[] }>(app(), '/api/v1/translations?kind=city&lang=ru');
  assert.ok(ru.items.length > 10 && ru.items.every((t) => t.kind === 'city' && t.lang === 'ru'));
  assert.equal(ru.items.find((t) => t.id === 'Samarkand')?.text, 'Самарканд');
});

test('a bad query names the field', async () => {
  const res = await app().inject({ url: '/api/v1/translations?lang=fr' });
  assert.equal(res.statusCode, 400);
  assert.match(res.json().detail, /lang/);
});

function problemsWith(edit: (text: string) => string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reference-'));
  fs.cpSync(referenceDir, dir, { recursive: true });
  const file = path.join(dir, 'translations.csv');
  fs.writeFileSync(file, edit(fs.readFileSync(file, 'utf8')));
  try {
    loadReference(dir);
  } catch (e) {
    assert.ok(e instanceof InvalidReferenceData);
    return e.problems;
  }
  return [];
}

test('the loader rejects a translation of an unknown record, an unknown field, or a list of the wrong length', () => {
  const unknown = problemsWith((t) => `${t}document,/akn/sco/act/treaty/1999-01-01/none,title,ru,Договор,,own_translation\n`);
  assert.match(unknown[0]!.message, /unknown document/);
  const field = problemsWith((t) => `${t}state,RU,capital,ru,Москва,,own_translation\n`);
  assert.match(field[0]!.message, /no translatable field "capital"/);
  const short = problemsWith((t) => `${t}organ,CNC,functions,ru,только одна,,own_translation\n`.replace(/\norgan,CNC,functions,ru,[^\n]*/, ''));
  assert.match(short[0]!.message, /1 functions, but the organ has 3/);
  const confidence = problemsWith((t) => t.replace(',own_translation\n', ',guess\n'));
  assert.equal(confidence[0]!.line, 2);
});
