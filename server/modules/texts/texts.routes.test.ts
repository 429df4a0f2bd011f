import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { getJson, useTestApp } from '../../testing/test-app.ts';
import { signInAs, userWithRoles, type SignedIn } from '../../testing/test-users.ts';
import { settleAuditLog } from '../../audit/audit-chainer.ts';

let officer: SignedIn;
let delegate: SignedIn;
const { app, database } = useTestApp(async (server, { db }) => {
  await userWithRoles(db, 'officer@example.org', [{ role: 'secretariat_officer' }]);
  await userWithRoles(db, 'ru@example.org', [{ role: 'delegate', state: 'RU', organ: 'CHS' }]);
  officer = await signInAs(server, 'officer@example.org');
  delegate = await signInAs(server, 'ru@example.org');
});

const DOC = 'convention-2017-06-09-convention-countering-extremism';
const ZH = '上海合作组织成员国,\n第一条 目的\n本公约旨在提高打击极端主义合作的效率。\n第二条\n一、各方根据本国法律开展合作。\n二、本公约不影响其他条约。';
const upload = (language: string, payload: object, who = officer) =>
  app().inject({ method: 'POST', url: `/api/v1/documents/${DOC}/texts/${language}`, headers: who.headers(true), payload });

test('the reference texts are loaded with their sources and eIds', async () => {
  const en = await getJson(app(), '/api/v1/documents/charter-2002-06-07-charter/texts/en');
  assert.equal(en.version, 1);
  assert.equal(en.origin, 'reference');
  assert.match(en.source[0], /^http/);
  assert.deepEqual(en.units.slice(0, 2).map((u: { eid: string }) => u.eid), ['art_1', 'art_1__para_1']);
  assert.equal(en.units[0].heading, 'Goals and Tasks');
  const ru = await getJson(app(), '/api/v1/documents/charter-2002-06-07-charter/texts/ru');
  assert.equal(ru.units.find((u: { eid: string }) => u.eid === 'art_10').heading, 'Региональная антитеррористическая структура');
  // No Chinese text of the Charter was sourced: it is absent, not invented.
  assert.equal((await app().inject({ url: '/api/v1/documents/charter-2002-06-07-charter/texts/zh' })).statusCode, 404);
});

test('an officer uploads a text; a second upload is a new version; earlier versions stay readable; both are audited', async () => {
  const first = await upload('zh', { text: ZH, source: ['test: typed for this test'] });
  assert.equal(first.statusCode, 201, first.body);
  assert.deepEqual(first.json().units.map((u: { eid: string }) => u.eid), ['preamble', 'preamble__recital_1', 'art_1', 'art_1__para_1', 'art_2', 'art_2__para_1', 'art_2__para_2']);
  assert.equal(first.json().version, 1);
  const again = await upload('zh', { text: ZH, source: ['test'] });
  assert.equal(again.statusCode, 409, 'an identical text is not a new version');
  const second = await upload('zh', { text: ZH.replace('效率', '效力'), source: ['test: corrected'], note: 'a correction' });
  assert.equal(second.json().version, 2);
  assert.equal(second.json().latest_version, 2);
  const v1 = await getJson(app(), `/api/v1/documents/${DOC}/texts/zh?version=1`);
  assert.match(v1.units[3].body, /效率/);
  assert.equal(v1.latest_version, 2);
  const versions = await getJson(app(), `/api/v1/documents/${DOC}/texts`);
  assert.deepEqual(versions.items.map((v: { language: string; version: number }) => `${v.language}${v.version}`), ['zh2', 'zh1']);
  assert.equal(versions.items[0].uploaded_by, 'officer@example.org');
  await settleAuditLog(database().db);
  const events = await database().db.selectFrom('audit_event').selectAll().where('action', '=', 'document.text').execute();
  const uploads = events.filter((e) => (e.after as { origin: string }).origin === 'upload');
  assert.equal(uploads.length, 2);
  assert.deepEqual(uploads.map((e) => (e.after as { version: number }).version).sort(), [1, 2]);
  assert.equal((uploads.find((e) => (e.after as { version: number }).version === 2)!.before as { version: number }).version, 1);
});

test('uploads are refused to others and to texts without structure, naming the field', async () => {
  assert.equal((await upload('en', { text: 'Article 1\nA.', source: ['x'] }, delegate)).statusCode, 403);
  assert.equal((await app().inject({ method: 'POST', url: `/api/v1/documents/${DOC}/texts/en`, payload: { text: 'Article 1\nA.', source: ['x'] } })).statusCode, 401);
  const flat = await upload('en', { text: 'A letter with no articles.', source: ['x'] });
  assert.equal(flat.statusCode, 400);
  assert.equal(flat.json().errors[0].field, 'text');
  assert.match(flat.json().errors[0].message, /no article heading/);
  const twice = await upload('en', { text: 'Article 1\nA.\nArticle 1\nB.', source: ['x'] });
  assert.equal(twice.json().errors[0].field, 'text');
  assert.match(twice.json().errors[0].message, /line 3/);
  assert.equal((await upload('fr', { text: 'Article 1\nA.', source: ['x'] })).statusCode, 400);
  assert.equal((await upload('en', { text: 'Article 1\nA.', source: [] })).json().errors[0].field, 'source');
  assert.equal((await app().inject({ method: 'POST', url: '/api/v1/documents/no-such-document/texts/en', headers: officer.headers(true), payload: { text: 'Article 1\nA.', source: ['x'] } })).statusCode, 404);
});

test('Akoma Ntoso export: FRBR identification, language, eIds of articles and paragraphs', async () => {
  const res = await app().inject({ url: '/api/v1/documents/convention-2009-06-16-convention-against-terrorism/texts/en/text.akn.xml' });
  assert.equal(res.statusCode, 200);
  assert.match(res.headers['content-type'] as string, /application\/akn\+xml/);
  const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(res.body);
  const act = xml.akomaNtoso.act;
  assert.equal(xml.akomaNtoso['@xmlns'], 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0');
  assert.equal(act.meta.identification.FRBRWork.FRBRuri['@value'], '/akn/sco/act/convention/2009-06-16/convention-against-terrorism');
  assert.equal(act.meta.identification.FRBRExpression.FRBRlanguage['@language'], 'eng');
  assert.equal(act.meta.identification.FRBRExpression.FRBRuri['@value'], '/akn/sco/act/convention/2009-06-16/convention-against-terrorism/eng@v1');
  assert.equal(act.preamble['@eId'], 'preamble');
  assert.equal(act.preamble.container.length, 9);
  assert.equal(act.body.article['@eId'], 'art_1');
  assert.equal(act.body.article.paragraph['@eId'], 'art_1__para_1');
  assert.equal(act.body.article.paragraph.content.p, 'This Convention shall aim to enhance the efficiency of anti-terrorist cooperation.');
  assert.equal((await app().inject({ url: '/api/v1/documents/convention-2009-06-16-convention-against-terrorism/texts/en/text.akn.xml?version=9' })).statusCode, 404);
});

test('search finds paragraphs of texts in all three languages, with the eId and a marked snippet', async () => {
  // Russian, inflected: "антитеррористической структуры" stems to the words of Charter Art. 10.
  const ru = await getJson(app(), `/api/v1/search?q=${encodeURIComponent('антитеррористическая структура Бишкек')}`);
  const charter = ru.items.find((i: { key: string }) => i.key === 'charter-2002-06-07-charter');
  assert.ok(charter, JSON.stringify(ru.items.map((i: { key: string }) => i.key)));
  assert.equal(charter.passages[0].language, 'ru');
  assert.equal(charter.passages[0].eid, 'art_10__para_1');
  assert.ok(charter.passages[0].snippet.some((s: { text: string; hit: boolean }) => s.hit && s.text === 'антитеррористическая'));
  // English, only in a text: "goodneighborliness" is in Charter Art. 1, no title.
  const en = await getJson(app(), '/api/v1/search?q=goodneighborliness');
  assert.equal(en.items[0].key, 'charter-2002-06-07-charter');
  assert.equal(en.items[0].passages[0].eid, 'art_1__para_1');
  // Chinese bigrams in an uploaded text; the latest version only.
  const zh = await getJson(app(), `/api/v1/search?q=${encodeURIComponent('效力')}`);
  assert.deepEqual(zh.items.map((i: { key: string }) => i.key), [DOC]);
  assert.equal(zh.items[0].passages[0].eid, 'art_1__para_1');
  assert.deepEqual(zh.items[0].passages[0].snippet.filter((s: { hit: boolean }) => s.hit).map((s: { text: string }) => s.text), ['效力']);
  assert.equal((await getJson(app(), `/api/v1/search?q=${encodeURIComponent('效率')}`)).total, 0, 'words of an earlier version are not found');
  // A title match ranks above a mention in a text.
  const terrorism = await getJson(app(), '/api/v1/search?q=terrorism');
  const first = terrorism.items[0];
  assert.ok(first.highlight.en.some((s: { hit: boolean }) => s.hit), 'the best hit matches its title');
  // Filters apply to documents found through their texts too.
  assert.equal((await getJson(app(), '/api/v1/search?q=goodneighborliness&kind=convention')).total, 0);
});
