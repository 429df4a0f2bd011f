/**
 * Screening at scale: a deterministic list of entities (the region's name stock in original
 * scripts and romanised), a query set with known true matches (transliteration variants, name
 * order, missing patronymic, typos, script changes) and hard negatives (real name parts in
 * combinations not on the list). Prints throughput, latency, recall and false positives for the
 * engine and for a brute-force Jaro-Winkler baseline over every name, measured in the same run.
 * Usage: npm run bench:screening [-- --entities 1000000 --queries 2000 --baseline 20]
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { pinyin } from 'pinyin-pro';
import { NameIndex, DEFAULT_THRESHOLD, type ScreenedEntity, type ScreeningQuery } from '../server/modules/screening/matcher.ts';
import { nameTokens } from '../server/modules/screening/name-keys.ts';
import { jaroWinkler } from '../server/modules/screening/jaro-winkler.ts';
import { evaluateRealNames, realMisses } from './real-names.ts';

const { values } = parseArgs({ options: { entities: { type: 'string', default: '1000000' }, queries: { type: 'string', default: '2000' }, baseline: { type: 'string', default: '20' }, misses: { type: 'string', default: '0' }, 'real-misses': { type: 'boolean', default: false }, 'build-only': { type: 'boolean', default: false } } });
const ENTITIES = Number(values.entities);
const QUERIES = Number(values.queries);
const BASELINE = Number(values.baseline);

// A small, seeded PRNG (mulberry32): the same list and queries on every run.
let seed = 20261123;
const random = () => {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

const CY_ROOTS = 'Абдулла Карим Рахим Юсуп Халил Джура Исмаил Назар Султан Турсун Ахмед Бакир Гафур Давлат Ергаш Жумабай Зариф Ибрагим Камал Латиф Мамад Нурлан Орал Пулат Рашид Садык Тахир Умар Фарух Хасан Шамил Эркин Якуб Айдар Болат Серик Ерлан Марат Тимур Азамат Кузнец Смирн Волк Соколь Лебед Козл Новик Морозь Павл Семен Голуб Виноград Богдан Ворон Федор Медвед Жук Зуб Комар Лис Мир Сидор Тарас Ушак Филат Хомяк Чернышь Шевел Щерб Юдин Ямщик Баран Гусь Дроздь Ежь Журавль Зайц Ивань Карась Лось Мухин Налим Окунь Пескарь Рыбак Сом Тетер Уткин Фазан Хорь Цаплин Чиж Шмель Щукин Ястреб'.split(' ');
// Turkic family names built from a prefix and a stem (Karabekov, Nurmuratov): the stock a list of a million needs.
const CY_COMPOUND = 'Кара Ак Бай Нур Сары Кок Жан Таш Кул Ер Ал Тур Бек Сай Кан Ой Уз Тол Кыз Ос'.split(' ').flatMap((a) => 'бек бай мурат хан тай гали жан сеит али мат кул назар бол бер таш ман дар сын гул мир'.split(' ').map((b) => a + b));
const CY_FAMILY = [...CY_ROOTS, ...CY_COMPOUND].flatMap((root, i) => [root + (i % 2 ? 'ев' : 'ов'), root + 'ин']);
const CY_GIVEN = 'Акмал Алибек Асхат Аскар Байрам Бауыржан Гайрат Даурен Ельдар Жасур Ильдар Ислам Кайрат Максат Мирлан Нуржан Омар Рамиль Ринат Сабир Талгат Тлек Умид Фаррух Хамза Чингиз Шухрат Эльмир Юлдаш Ахмад Батыр Владимир Виктор Геннадий Григорий Константин Леонид Николай Пётр Станислав Фёдор Эдуард Рустам Алишер Бахтиёр Дилшод Жамшид Фаррух Шерзод Улугбек Нурлан Ерлан Серик Айбек Азамат Тимур Руслан Ильхом Санжар Аброр Иван Сергей Дмитрий Алексей Михаил Андрей Артём Максим Денис Евгений Кирилл Никита Олег Павел Роман Степан Юрий Ярослав Бекзод Сардор Отабек Мурод Анвар Бахром Зафар Камол Лазиз Мансур Нодир Олим Равшан Собир Тохир Уткир Хуршид Эльдор Юсуф'.split(' ');
const HAN_SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const HAN_GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰文辉建国峰鹏飞燕宇浩凯琳晨雪婷欣然思远博涵志坤鑫斌亮波宁海龙云凤梅红军民春晓东旭阳'.split('');
const AR_GIVEN: [string, string][] = [['ادریس', 'Idris'], ['انور', 'Anwar'], ['اسد', 'Asad'], ['اسلم', 'Aslam'], ['اعظم', 'Azam'], ['امین', 'Amin'], ['بشیر', 'Bashir'], ['پرویز', 'Parviz'], ['ثاقب', 'Saqib'], ['جلیل', 'Jalil'], ['حبیب', 'Habib'], ['حمید', 'Hamid'], ['خلیل', 'Khalil'], ['داود', 'Davud'], ['ذاکر', 'Zakir'], ['رشید', 'Rashid'], ['زاهد', 'Zahid'], ['سلیم', 'Salim'], ['شاهد', 'Shahid'], ['صابر', 'Sabir'], ['ظفر', 'Zafar'], ['عارف', 'Arif'], ['عزیز', 'Aziz'], ['غلام', 'Ghulam'], ['فرید', 'Farid'], ['قاسم', 'Qasim'], ['لطیف', 'Latif'], ['منصور', 'Mansur'], ['نذیر', 'Nazir'], ['وحید', 'Vahid'], ['محمد', 'Muhammad'], ['احمد', 'Ahmad'], ['علی', 'Ali'], ['حسن', 'Hasan'], ['حسین', 'Husain'], ['عبدالله', 'Abdullah'], ['عبدالرحمن', 'Abdul Rahman'], ['یوسف', 'Yusuf'], ['ابراهیم', 'Ibrahim'], ['عمر', 'Umar'], ['خالد', 'Khalid'], ['طارق', 'Tariq'], ['فاروق', 'Faruq'], ['بلال', 'Bilal'], ['حمزه', 'Hamza'], ['نعمان', 'Numan'], ['رضا', 'Reza'], ['مهدی', 'Mahdi'], ['جواد', 'Javad'], ['سعید', 'Saeed'], ['مجید', 'Majid'], ['کریم', 'Karim'], ['رحیم', 'Rahim'], ['ناصر', 'Nasir'], ['شریف', 'Sharif'], ['عادل', 'Adil'], ['اکبر', 'Akbar'], ['اصغر', 'Asghar'], ['جمال', 'Jamal'], ['کمال', 'Kamal']];
const AR_FAMILY: [string, string][] = [['کابلی', 'Kabuli'], ['هراتی', 'Herati'], ['قندهاری', 'Kandahari'], ['لاهوری', 'Lahori'], ['پشاوری', 'Peshawari'], ['بلخی', 'Balkhi'], ['مشهدی', 'Mashhadi'], ['اصفهانی', 'Isfahani'], ['کرمانی', 'Kermani'], ['تبریزی', 'Tabrizi'], ['وزیری', 'Waziri'], ['مهمند', 'Mohmand'], ['شینواری', 'Shinwari'], ['خټک', 'Khattak'], ['بنگش', 'Bangash'], ['اعوان', 'Awan'], ['راجپوت', 'Rajput'], ['ارائیں', 'Arain'], ['جٹ', 'Jat'], ['بخاری', 'Bukhari'], ['ترمذی', 'Tirmizi'], ['سمرقندی', 'Samarqandi'], ['نوری', 'Nuri'], ['پوپلزی', 'Popalzai'], ['بارکزی', 'Barakzai'], ['اچکزی', 'Achakzai'], ['نورزی', 'Noorzai'], ['علیزی', 'Alizai'], ['مروت', 'Marwat'], ['ترین', 'Tareen'], ['خان', 'Khan'], ['قریشی', 'Qureshi'], ['صدیقی', 'Siddiqui'], ['رحمانی', 'Rahmani'], ['حیدری', 'Haidari'], ['کریمی', 'Karimi'], ['رضایی', 'Rezaei'], ['احمدی', 'Ahmadi'], ['محمدی', 'Mohammadi'], ['حسینی', 'Hosseini'], ['موسوی', 'Mousavi'], ['جعفری', 'Jafari'], ['نوری', 'Nouri'], ['صادقی', 'Sadeghi'], ['یزدانی', 'Yazdani'], ['شیرازی', 'Shirazi'], ['تهرانی', 'Tehrani'], ['بلوچ', 'Baloch'], ['یوسفزی', 'Yousafzai'], ['آفریدی', 'Afridi'], ['درانی', 'Durrani'], ['ملک', 'Malik'], ['چودھری', 'Chaudhry'], ['بھٹی', 'Bhatti'], ['گیلانی', 'Gilani'], ['نقوی', 'Naqvi'], ['زیدی', 'Zaidi'], ['عباسی', 'Abbasi'], ['فاطمی', 'Fatimi'], ['هاشمی', 'Hashemi']];
const CY_LATIN: Record<string, string> = { а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya' };
const latin = (cy: string) => [...cy].map((c) => { const l = CY_LATIN[c.toLowerCase()] ?? c; return c === c.toLowerCase() ? l : l.charAt(0).toUpperCase() + l.slice(1); }).join('');
const hanPinyin = new Map([...HAN_SURNAMES, ...HAN_GIVEN].map((c) => [c, pinyin(c, { toneType: 'none', surname: c === HAN_SURNAMES[0] ? 'head' : 'off' })]));
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

interface Person { entity: ScreenedEntity; culture: 'cy' | 'han' | 'ar'; parts: { given: string; family: string; patronymic?: string; latinGiven: string; latinFamily: string; latinPatronymic?: string } }

function makePerson(i: number): Person {
  const r = random();
  const year = 1950 + Math.floor(random() * 56);
  const id = `Q${i}`;
  const identifiers = random() < 0.3 ? [`P${(i * 7919) % 100000000}`.padEnd(9, '0')] : [];
  if (r < 0.5) {
    const father = pick(CY_GIVEN);
    const parts = cyrillicParts(pick(CY_GIVEN), pick(CY_FAMILY), father + (/[аяйь]$/.test(father) ? 'евич' : 'ович'));
    return { culture: 'cy', parts, entity: { id, schema: 'Person', caption: `${parts.latinGiven} ${parts.latinFamily}`, names: [{ value: fullName('cy', parts), role: 'primary' }, { value: `${parts.latinGiven} ${parts.latinFamily}`, role: 'alias' }], birthYears: [year], nationalities: [pick(['RU', 'KZ', 'UZ', 'KG', 'TJ'])], identifiers, optionalNames: [parts.patronymic] } };
  }
  if (r < 0.75) {
    const family = pick(HAN_SURNAMES);
    const given = random() < 0.3 ? pick(HAN_GIVEN) : pick(HAN_GIVEN) + pick(HAN_GIVEN);
    const parts = { given, family, latinFamily: cap(hanPinyin.get(family)!), latinGiven: cap([...given].map((c) => hanPinyin.get(c)!).join('')) };
    return { culture: 'han', parts, entity: { id, schema: 'Person', caption: `${parts.latinFamily} ${parts.latinGiven}`, names: [{ value: fullName('han', parts), role: 'primary' }, { value: `${parts.latinFamily} ${parts.latinGiven}`, role: 'alias' }], birthYears: [year], nationalities: ['CN'], identifiers } };
  }
  const [given, latinGiven] = pick(AR_GIVEN);
  const [family, latinFamily] = pick(AR_FAMILY);
  const [patronymic, latinPatronymic] = pick(AR_GIVEN);
  const parts = { given, family, patronymic, latinGiven, latinFamily, latinPatronymic };
  return { culture: 'ar', parts, entity: { id, schema: 'Person', caption: `${latinGiven} ${latinPatronymic} ${latinFamily}`, names: [{ value: fullName('ar', parts), role: 'primary' }, { value: `${latinGiven} ${latinPatronymic} ${latinFamily}`, role: 'alias' }], birthYears: [year], nationalities: [pick(['PK', 'IR', 'AF'])], identifiers, optionalNames: [patronymic, latinPatronymic] } };
}

const cyrillicParts = (given: string, family: string, patronymic: string) => ({ given, family, patronymic, latinGiven: latin(given), latinFamily: latin(family), latinPatronymic: latin(patronymic) });
/** The whole name in its original script and order: what tells two listed people apart. */
const fullName = (culture: Person['culture'], p: Person['parts']) => (culture === 'cy' ? `${p.family} ${p.given} ${p.patronymic}` : culture === 'han' ? p.family + p.given : `${p.given} ${p.patronymic} ${p.family}`);

/** A spelling of the person's name as a border guard or a bank might type it. */
function variant(p: Person): string {
  const { given, family, patronymic, latinGiven, latinFamily, latinPatronymic } = p.parts;
  const typo = (s: string) => {
    if (s.length < 5) return s;
    const i = 1 + Math.floor(random() * (s.length - 2));
    return random() < 0.5 ? s.slice(0, i) + s.slice(i + 1) : s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
  };
  const translit = (s: string) => s.replace(/ev\b/, pick(['yev', 'ev', 'iev'])).replace(/^Kh/, pick(['Kh', 'H', 'X'])).replace(/Yu/, pick(['Yu', 'Iu', 'U'])).replace(/Ya/, pick(['Ya', 'Ia'])).replace(/^Zh/, pick(['Zh', 'J'])).replace(/Dzh/, pick(['Dzh', 'J', 'Dj']));
  switch (p.culture) {
    case 'cy':
      return pick([
        () => `${family} ${given}`,
        () => `${given} ${patronymic} ${family}`,
        () => `${translit(latinFamily)} ${latinGiven}`,
        () => `${latinGiven} ${translit(latinFamily)}`,
        () => `${latinGiven} ${typo(latinFamily)}`,
        () => `${latinFamily} ${latinGiven} ${latinPatronymic}`,
      ])();
    case 'han':
      return pick([() => family + given, () => `${latinFamily} ${latinGiven}`, () => `${latinGiven} ${latinFamily}`, () => `${latinFamily}${latinGiven}`, () => `${latinFamily} ${[...given].map((c) => hanPinyin.get(c)).join(' ')}`])();
    default:
      return pick([() => `${given} ${family}`, () => `${latinGiven} ${latinFamily}`, () => `${latinGiven} ${latinPatronymic} ${latinFamily}`, () => `${latinFamily} ${latinGiven}`, () => `${latinGiven} ${typo(latinFamily)}`])();
  }
}

// The JavaScript heap and the typed arrays' buffers (kept outside it, so heapUsed alone would not see the packed index).
const mb = () => {
  // With --expose-gc (npm run bench:screening), garbage is collected first: what is measured is what is kept.
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 2 ** 20;
};
const heapBefore = mb();
const t0 = performance.now();
const people: Person[] = [];
for (let i = 0; i < ENTITIES; i++) people.push(makePerson(i));
const tGen = performance.now();
const heapList = mb();
// CPU time as well as wall time: on a shared machine the wall clock measures the neighbours too.
const cpuBefore = process.cpuUsage();
const index = new NameIndex();
for (const p of people) index.add(p.entity);
index.pack();
const tIndex = performance.now();
const cpu = process.cpuUsage(cpuBefore);
const buildCpuSeconds = (cpu.user + cpu.system) / 1e6;
const heapAfter = mb();
if (values['build-only']) {
  console.log(`index of ${ENTITIES.toLocaleString('en')}: built in ${((tIndex - tGen) / 1000).toFixed(1)} s (${buildCpuSeconds.toFixed(1)} s of CPU); heap ${(heapAfter - heapBefore).toFixed(0)} MiB (list ${(heapList - heapBefore).toFixed(0)}, index ${(heapAfter - heapList).toFixed(0)})`);
  process.exit(0);
}
const listed = new Set(people.map((p) => fullName(p.culture, p.parts)));

/** A hard negative: the person's name with its given or family name swapped for another of the same culture, in a combination not on the list. */
function negative(p: Person): string {
  for (;;) {
    let other = p;
    while (other === p || other.culture !== p.culture) other = people[Math.floor(random() * people.length)]!;
    const parts = random() < 0.5 ? { ...p.parts, family: other.parts.family, latinFamily: other.parts.latinFamily } : { ...p.parts, given: other.parts.given, latinGiven: other.parts.latinGiven };
    if (listed.has(fullName(p.culture, parts))) continue;
    if (random() < 0.5 || p.culture === 'han') return fullName(p.culture, parts);
    return `${parts.latinGiven} ${parts.latinPatronymic} ${parts.latinFamily}`;
  }
}

// Queries: half true variants (with the birth year a screener would have), half hard negatives.
const queries: { q: ScreeningQuery; truth: string | null; culture: Person['culture'] }[] = [];
for (let i = 0; i < QUERIES; i++) {
  const p = people[Math.floor(random() * people.length)]!;
  if (i % 2 === 0) queries.push({ q: { names: [variant(p)], birthYear: p.entity.birthYears![0] }, truth: p.entity.id, culture: p.culture });
  else queries.push({ q: { names: [negative(p)], birthYear: 1950 + Math.floor(random() * 56) }, truth: null, culture: p.culture });
}

function evaluate(run: (q: ScreeningQuery) => { id: string; score: number }[], qs: typeof queries) {
  const latencies: number[] = [];
  let hit1 = 0;
  let hit10 = 0;
  let positives = 0;
  let negatives = 0;
  let falsePositives = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  for (const { q, truth } of qs) {
    const s = performance.now();
    const results = run(q);
    latencies.push(performance.now() - s);
    if (truth) {
      positives++;
      if (results[0]?.id === truth) hit1++;
      if (results.slice(0, 10).some((r) => r.id === truth)) hit10++;
    } else {
      negatives++;
      if (results.some((r) => r.score >= DEFAULT_THRESHOLD)) falsePositives++;
    }
  }
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpuStart);
  const cpuSeconds = (used.user + used.system) / 1e6;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  return { qps: qs.length / seconds, cpuQps: qs.length / cpuSeconds, p50: pct(0.5), p99: pct(0.99), recall1: hit1 / positives, recall10: hit10 / positives, fpr: falsePositives / negatives };
}

const engine = evaluate((q) => index.search(q, 10), queries);
// The same figures by the culture of the names (original script or its romanisation).
const byCulture = (['cy', 'han', 'ar'] as const).map((culture) => ({ culture, ...evaluate((q) => index.search(q, 10), queries.filter((q) => q.culture === culture)) }));

// --misses N: the first N missed true matches and false positives, to see what to improve.
const byId = new Map(people.map((p) => [p.entity.id, p]));
let shown = 0;
for (const { q, truth } of queries) {
  if (shown >= Number(values.misses)) break;
  const results = index.search(q, 10);
  const missed = truth ? !results.some((r) => r.id === truth) : results[0] && results[0].score >= DEFAULT_THRESHOLD;
  if (!missed) continue;
  shown++;
  const expected = truth ? byId.get(truth)!.entity : null;
  console.log(truth ? 'MISS' : 'FP  ', JSON.stringify(q.names[0]), q.birthYear, '→ expected', expected ? JSON.stringify(expected.names.map((n) => n.value)) + ' ' + expected.birthYears : '-', '; top', JSON.stringify(results.slice(0, 2).map((r) => [r.caption, r.score, r.features])));
}

// Baseline: Jaro-Winkler of the query against every name of every entity (compact, order-free
// forms), birth year as a tie-breaker, on the first queries only: it takes seconds per query.
const compactNames = people.map((p) => p.entity.names.filter((n) => n.role !== 'weak_alias').map((n) => nameTokens(n.value).sort().join('')));
const baseline = evaluate((q) => {
  const query = nameTokens(q.names[0]!).sort().join('');
  const scored: { id: string; score: number }[] = [];
  for (let i = 0; i < people.length; i++) {
    let best = 0;
    for (const c of compactNames[i]!) best = Math.max(best, jaroWinkler(query, c));
    if (best > 0.75) scored.push({ id: people[i]!.entity.id, score: best - (people[i]!.entity.birthYears![0] === q.birthYear ? 0 : 0.05) });
  }
  return scored.sort((a, b) => b.score - a.score).slice(0, 10);
}, queries.slice(0, BASELINE));

const f = (x: number) => (Number.isNaN(x) ? '  n/a' : x.toFixed(3));
console.log(`list: ${ENTITIES.toLocaleString('en')} entities (${people.length * 2} names; Cyrillic 50%, Chinese 25%, Arabic script 25%), generated in ${((tGen - t0) / 1000).toFixed(1)} s`);
console.log(`index: built in ${((tIndex - tGen) / 1000).toFixed(1)} s (${buildCpuSeconds.toFixed(1)} s of CPU); heap ${(heapAfter - heapBefore).toFixed(0)} MiB for list and index (list ${(heapList - heapBefore).toFixed(0)}, index ${(heapAfter - heapList).toFixed(0)}; JavaScript heap and typed arrays); ${queries.length} queries (${queries.length / 2} true variants, ${queries.length / 2} hard negatives)`);
console.log(`engine:   ${engine.qps.toFixed(0)} queries/s (${engine.cpuQps.toFixed(0)} per CPU-second), p50 ${engine.p50.toFixed(2)} ms, p99 ${engine.p99.toFixed(2)} ms, recall@1 ${f(engine.recall1)}, recall@10 ${f(engine.recall10)}, false-positive rate ${f(engine.fpr)} at threshold ${DEFAULT_THRESHOLD}`);
for (const c of byCulture) console.log(`  ${{ cy: 'Cyrillic names', han: 'Chinese names', ar: 'Arabic-script names' }[c.culture].padEnd(20)} recall@1 ${f(c.recall1)}, recall@10 ${f(c.recall10)}, false-positive rate ${f(c.fpr)}`);
console.log(`baseline: ${baseline.qps.toFixed(2)} queries/s, p50 ${baseline.p50.toFixed(0)} ms, p99 ${baseline.p99.toFixed(0)} ms, recall@1 ${f(baseline.recall1)}, recall@10 ${f(baseline.recall10)}, false-positive rate ${f(baseline.fpr)} (first ${BASELINE} queries)`);
console.log(`throughput ratio engine/baseline: ${(engine.qps / baseline.qps).toFixed(0)}×`);

// ---------------------------------------------------------------- names nobody here generated
const DISTRACTORS = Math.min(5_000, people.length);
const distractors = people.slice(0, DISTRACTORS).map((p) => ({ id: p.entity.id, names: p.entity.names.map((n) => n.value) }));
const real = evaluateRealNames(distractors);
console.log(`\nreal names (bench/eval, sources in bench/eval/SOURCES.md) listed among ${DISTRACTORS.toLocaleString('en')} generated entities, threshold ${DEFAULT_THRESHOLD}:`);
console.log('set            half  queries (true/neg)   engine r@1  r@10  false   baseline r@1  r@10  false   (dev: may be tuned on; test: held out)');
for (const { engine: e, baseline: b } of real) console.log(`${e.set.padEnd(15)}${e.split.padEnd(5)} ${String(e.positives).padStart(5)} / ${String(e.negatives).padEnd(5)}         ${f(e.recall1)} ${f(e.recall10)} ${f(e.fpr)}            ${f(b.recall1)} ${f(b.recall10)} ${f(b.fpr)}`);
if (values['real-misses']) for (const line of realMisses(distractors)) console.log(line);
