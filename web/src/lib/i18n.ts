/** Interface strings in the SCO's three languages; data names come from the API in all three. */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

export type Lang = 'en' | 'ru' | 'zh';
export const LANGS: { id: Lang; label: string }[] = [
  { id: 'en', label: 'English' },
  { id: 'ru', label: 'Русский' },
  { id: 'zh', label: '中文' },
];

const en = {
  app: 'Secretariat', tagline: 'Shanghai Cooperation Organisation — institutional registry',
  nav: { map: 'Membership', organs: 'Organs', chairs: 'Chairmanship', meetings: 'Meetings', documents: 'Documents', implementation: 'Implementation' },
  map: { title: 'Who belonged, and with what status', date: 'Date', endorsement: 'Boundaries shown do not imply official endorsement or acceptance by the SCO or its member states (Natural Earth, de facto view).', none: 'No status' },
  state: { history: 'Status history', from: 'From', to: 'To', basis: 'Basis', chairs: 'Chairmanships', hosted: 'Meetings hosted', current: 'Status on', present: 'present' },
  organs: { title: 'Organs and mechanisms', functions: 'Functions', seat: 'Seat', founded: 'Founding document', officials: 'Office holders', article: 'Charter article' },
  chairs: { title: 'Chairmanship and summits', recorded: 'recorded', computed: 'computed from the rotation rule', summit: 'Summit', period: 'Term', rule: 'Rotation rule' },
  meetings: { title: 'Meetings', organ: 'Organ', year: 'Year', all: 'All', city: 'City', date: 'Date', subscribe: 'Subscribe (iCalendar)', participants: 'Taking part', documents: 'Documents adopted', host: 'Host' },
  docs: { title: 'Document registry', kind: 'Kind', search: 'Search titles', status: 'Status', ledger: 'Ledger', parties: 'Parties', rule: 'Entry into force rule', signed: 'Signed', consented: 'Consent', inForce: 'In force from', action: 'Action', text: 'Text', counterparty: 'With' },
  common: { source: 'Sources', confidence: 'Confidence', loading: 'Loading…', error: 'Could not load', csv: 'Download CSV', date: 'Date', state: 'State', page: 'Page', prev: 'Previous', next: 'Next', none: '—' },
  status: { in_force: 'in force', not_in_force: 'not in force', unknown: 'unknown' },
  confidence: { confirmed: 'confirmed', seed: 'seed text', wikipedia: 'Wikipedia only', unconfirmed: 'unconfirmed' },
  ws: { signIn: 'Sign in', signOut: 'Sign out', email: 'E-mail', password: 'Password', workspace: 'Workspace', decisions: 'Decisions', agenda: 'Drafts on your agenda', table: 'Table a draft', title: 'Title', kind: 'Kind', organ: 'Organ', forState: 'For', secretariat: 'the Secretariat', text: 'Text', submit: 'Submit', inbox: 'Notices', versions: 'Versions', compare: 'Compare', newVersion: 'Save a new version', amendments: 'Amendments', propose: 'Propose an amendment', accept: 'Accept', reject: 'Reject', procedure: 'Decision procedure', open: 'Open the procedure', positions: 'Positions', position: 'Position', pending: 'Not yet answered', outcome: 'Standing', deadline: 'Deadline', record: 'Record the decision', recorded: 'Recorded decision', noDrafts: 'No drafts.', rationale: 'Rationale', reservationText: 'Text of the reservation', publicDecisions: 'Adopted decisions', status: 'Status', remaining: 'remaining', none: 'none' },
  list: { title: 'Single list', nav: 'Single list', noEntries: 'No entries yet.', proposed: 'before the states', onSingleList: 'on the single list', basis: 'Legal basis', listedOn: 'Listed on', file: 'File (UN XML or FtM JSON lines)', legalBasis: 'Legal basis, where the file gives none', importButton: 'Import', imported: 'Imported: {{inserted}} new, {{updated}} updated, {{unchanged}} unchanged.', noProposals: 'No proposals.', groupEntry: 'Our entry', judgement: 'Judgement', group: 'Group with this proposal', judgements: { same: 'same subject', different: 'different subject', unsure: 'unsure' }, take: { concur: 'Concur', object: 'Object', hold: 'Hold' }, national: 'National list of {{state}}', propose: 'Propose for the single list', defaultReason: 'Proposed from the national list', queue: 'Consolidation queue', subject: 'Subject', kind: 'Proposal', by: 'Proposed by', single: 'The single list', empty: 'No entities on the single list yet.', screen: 'Screen a name', name: 'Name (any script)', birthDate: 'Born', nationality: 'Nationality', passport: 'Passport', screenButton: 'Screen', candidate: 'Candidate', score: 'Score', why: 'Why', lists: 'Lists', match: 'match', noResults: 'No candidates.', property: 'Property', value: 'Value', sources: 'Source states', history: 'Listing history', kinds: { listing: 'listing', amendment: 'amendment', delisting: 'delisting' }, statuses: { open: 'open', adopted: 'adopted', blocked: 'blocked', withdrawn: 'withdrawn', listed: 'listed', delisted: 'delisted' }, positions: { concur: 'concurs', object: 'objects', hold: 'hold' }, features: { name: 'name', identifier: 'identifier', birth_year: 'birth year', nationality: 'nationality', weak_alias: 'weak alias', lone_name_part: 'lone name part', patronymic: 'patronymic' } },
  positions: { support: 'support', no_objection: 'no objection', reservation: 'reservation', objection: 'objection', break_silence: 'break silence', join: 'join', stay_out: 'stay out' },
  impl: { title: 'Implementation', plans: 'Action plans', byPillar: 'By pillar', byState: 'By state', progress: 'Progress', measures: 'Measures', deadline: 'Deadline', responsible: 'Responsible', report: 'Report', claim: 'Claim', value: 'Value', narrative: 'Narrative', returnReport: 'Return for clarification', reports: 'Reports', overdue: 'Overdue', noMeasures: 'No measures recorded.', export: 'Export', returned: 'returned', import: 'Import a plan', pillar: 'Pillar', period: 'Period', file: 'Measures (CSV or XLSX)', review: 'Implementation review', asOf: 'as of', reviewFor: 'Review for a meeting', overTime: 'Rate over time' },
  mstatus: { not_started: 'not started', on_track: 'on track', at_risk: 'at risk', overdue: 'overdue', done: 'done', dropped: 'dropped' },
  pillar: { security: 'security', economy: 'economy', culture: 'culture' },
  outcome: { open: 'open', adopted: 'adopted', blocked: 'blocked', deemed_adopted: 'deemed adopted', silence_broken: 'silence broken', rejected: 'rejected', withdrawn: 'withdrawn', draft: 'draft', in_procedure: 'in procedure' },
};
type Strings = typeof en;

const ru: Strings = {
  app: 'Секретариат', tagline: 'Шанхайская организация сотрудничества — институциональный реестр',
  nav: { map: 'Членство', organs: 'Органы', chairs: 'Председательство', meetings: 'Заседания', documents: 'Документы', implementation: 'Выполнение' },
  map: { title: 'Кто входил в организацию и в каком статусе', date: 'Дата', endorsement: 'Показанные границы не означают их официального признания ШОС или её государствами-членами (Natural Earth, фактическое положение).', none: 'Нет статуса' },
  state: { history: 'История статуса', from: 'С', to: 'По', basis: 'Основание', chairs: 'Председательство', hosted: 'Принимала заседания', current: 'Статус на', present: 'по настоящее время' },
  organs: { title: 'Органы и механизмы', functions: 'Функции', seat: 'Местопребывание', founded: 'Учредительный документ', officials: 'Руководители', article: 'Статья Хартии' },
  chairs: { title: 'Председательство и саммиты', recorded: 'зафиксировано', computed: 'рассчитано по правилу ротации', summit: 'Саммит', period: 'Срок', rule: 'Правило ротации' },
  meetings: { title: 'Заседания', organ: 'Орган', year: 'Год', all: 'Все', city: 'Город', date: 'Дата', subscribe: 'Подписаться (iCalendar)', participants: 'Участники', documents: 'Принятые документы', host: 'Принимающая сторона' },
  docs: { title: 'Реестр документов', kind: 'Вид', search: 'Поиск по названию', status: 'Статус', ledger: 'Журнал действий', parties: 'Стороны', rule: 'Правило вступления в силу', signed: 'Подписан', consented: 'Согласие', inForce: 'В силе с', action: 'Действие', text: 'Текст', counterparty: 'С' },
  common: { source: 'Источники', confidence: 'Достоверность', loading: 'Загрузка…', error: 'Не удалось загрузить', csv: 'Скачать CSV', date: 'Дата', state: 'Государство', page: 'Страница', prev: 'Назад', next: 'Вперёд', none: '—' },
  status: { in_force: 'в силе', not_in_force: 'не в силе', unknown: 'неизвестно' },
  confidence: { confirmed: 'подтверждено', seed: 'исходный текст', wikipedia: 'только Википедия', unconfirmed: 'не подтверждено' },
  ws: { signIn: 'Войти', signOut: 'Выйти', email: 'Эл. почта', password: 'Пароль', workspace: 'Рабочее место', decisions: 'Решения', agenda: 'Проекты в повестке', table: 'Внести проект', title: 'Название', kind: 'Вид', organ: 'Орган', forState: 'От имени', secretariat: 'Секретариата', text: 'Текст', submit: 'Отправить', inbox: 'Уведомления', versions: 'Редакции', compare: 'Сравнить', newVersion: 'Сохранить новую редакцию', amendments: 'Поправки', propose: 'Предложить поправку', accept: 'Принять', reject: 'Отклонить', procedure: 'Процедура принятия решения', open: 'Открыть процедуру', positions: 'Позиции', position: 'Позиция', pending: 'Ещё не ответили', outcome: 'Состояние', deadline: 'Срок', record: 'Зафиксировать решение', recorded: 'Зафиксированное решение', noDrafts: 'Проектов нет.', rationale: 'Обоснование', reservationText: 'Текст оговорки', publicDecisions: 'Принятые решения', status: 'Статус', remaining: 'осталось', none: 'нет' },
  list: { title: 'Единый список', nav: 'Единый список', noEntries: 'Записей пока нет.', proposed: 'на рассмотрении государств', onSingleList: 'в едином списке', basis: 'Правовое основание', listedOn: 'Дата включения', file: 'Файл (XML ООН или строки FtM JSON)', legalBasis: 'Правовое основание, если в файле его нет', importButton: 'Загрузить', imported: 'Загружено: новых {{inserted}}, изменено {{updated}}, без изменений {{unchanged}}.', noProposals: 'Предложений нет.', groupEntry: 'Наша запись', judgement: 'Оценка', group: 'Связать с предложением', judgements: { same: 'тот же субъект', different: 'другой субъект', unsure: 'не уверены' }, take: { concur: 'Согласиться', object: 'Возразить', hold: 'Отложить' }, national: 'Национальный список: {{state}}', propose: 'Предложить в единый список', defaultReason: 'Предложено из национального списка', queue: 'Очередь консолидации', subject: 'Субъект', kind: 'Предложение', by: 'Предложило', single: 'Единый список', empty: 'В едином списке пока никого нет.', screen: 'Проверить имя', name: 'Имя (любое письмо)', birthDate: 'Год рождения', nationality: 'Гражданство', passport: 'Паспорт', screenButton: 'Проверить', candidate: 'Кандидат', score: 'Оценка', why: 'Почему', lists: 'Списки', match: 'совпадение', noResults: 'Кандидатов нет.', property: 'Свойство', value: 'Значение', sources: 'Государства-источники', history: 'История включения', kinds: { listing: 'включение', amendment: 'изменение', delisting: 'исключение' }, statuses: { open: 'открыто', adopted: 'принято', blocked: 'заблокировано', withdrawn: 'отозвано', listed: 'в списке', delisted: 'исключён' }, positions: { concur: 'согласно', object: 'возражает', hold: 'отложено' }, features: { name: 'имя', identifier: 'документ', birth_year: 'год рождения', nationality: 'гражданство', weak_alias: 'слабый псевдоним', lone_name_part: 'только часть имени', patronymic: 'отчество' } },
  positions: { support: 'поддержка', no_objection: 'нет возражений', reservation: 'оговорка', objection: 'возражение', break_silence: 'нарушить молчание', join: 'присоединиться', stay_out: 'не участвовать' },
  impl: { title: 'Выполнение', plans: 'Планы действий', byPillar: 'По направлениям', byState: 'По государствам', progress: 'Ход выполнения', measures: 'Мероприятия', deadline: 'Срок', responsible: 'Ответственные', report: 'Отчёт', claim: 'Оценка', value: 'Значение', narrative: 'Пояснение', returnReport: 'Вернуть на уточнение', reports: 'Отчёты', overdue: 'Просрочено', noMeasures: 'Мероприятия не внесены.', export: 'Экспорт', returned: 'возвращён', import: 'Импорт плана', pillar: 'Направление', period: 'Период', file: 'Мероприятия (CSV или XLSX)', review: 'Обзор выполнения', asOf: 'по состоянию на', reviewFor: 'Обзор к заседанию', overTime: 'Динамика выполнения' },
  mstatus: { not_started: 'не начато', on_track: 'по плану', at_risk: 'под угрозой', overdue: 'просрочено', done: 'выполнено', dropped: 'исключено' },
  pillar: { security: 'безопасность', economy: 'экономика', culture: 'культура' },
  outcome: { open: 'открыта', adopted: 'принято', blocked: 'заблокировано', deemed_adopted: 'считается принятым', silence_broken: 'молчание нарушено', rejected: 'отклонено', withdrawn: 'отозвано', draft: 'проект', in_procedure: 'в процедуре' },
};

const zh: Strings = {
  app: '秘书处', tagline: '上海合作组织 — 机构登记册',
  nav: { map: '成员', organs: '机构', chairs: '轮值主席国', meetings: '会议', documents: '文件', implementation: '落实' },
  map: { title: '各国在各时期的身份', date: '日期', endorsement: '所示边界不代表上海合作组织或其成员国的正式认可（Natural Earth，实际控制线）。', none: '无身份' },
  state: { history: '身份沿革', from: '起', to: '止', basis: '依据', chairs: '担任轮值主席国', hosted: '主办会议', current: '身份日期', present: '至今' },
  organs: { title: '机构与机制', functions: '职能', seat: '所在地', founded: '成立文件', officials: '负责人', article: '宪章条款' },
  chairs: { title: '轮值主席国与峰会', recorded: '已记录', computed: '按轮换规则推算', summit: '峰会', period: '任期', rule: '轮换规则' },
  meetings: { title: '会议', organ: '机构', year: '年份', all: '全部', city: '城市', date: '日期', subscribe: '订阅（iCalendar）', participants: '参加国', documents: '通过的文件', host: '主办国' },
  docs: { title: '文件登记册', kind: '类别', search: '搜索标题', status: '状态', ledger: '签署与批准记录', parties: '缔约方', rule: '生效规则', signed: '签署', consented: '批准/加入', inForce: '生效日期', action: '行为', text: '内容', counterparty: '对方' },
  common: { source: '来源', confidence: '可信度', loading: '加载中…', error: '无法加载', csv: '下载 CSV', date: '日期', state: '国家', page: '页', prev: '上一页', next: '下一页', none: '—' },
  status: { in_force: '已生效', not_in_force: '未生效', unknown: '未知' },
  confidence: { confirmed: '已证实', seed: '原始文本', wikipedia: '仅维基百科', unconfirmed: '未证实' },
  ws: { signIn: '登录', signOut: '退出', email: '电子邮件', password: '密码', workspace: '工作台', decisions: '决定', agenda: '议程上的草案', table: '提交草案', title: '标题', kind: '类别', organ: '机构', forState: '代表', secretariat: '秘书处', text: '文本', submit: '提交', inbox: '通知', versions: '版本', compare: '比较', newVersion: '保存新版本', amendments: '修正案', propose: '提出修正案', accept: '接受', reject: '拒绝', procedure: '决策程序', open: '启动程序', positions: '立场', position: '立场', pending: '尚未表态', outcome: '当前状态', deadline: '期限', record: '记录决定', recorded: '已记录的决定', noDrafts: '没有草案。', rationale: '理由', reservationText: '保留意见文本', publicDecisions: '已通过的决定', status: '状态', remaining: '剩余', none: '无' },
  list: { title: '统一名单', nav: '统一名单', noEntries: '暂无条目。', proposed: '各国审议中', onSingleList: '已列入统一名单', basis: '法律依据', listedOn: '列名日期', file: '文件（联合国 XML 或 FtM JSON 行）', legalBasis: '法律依据（文件未注明时）', importButton: '导入', imported: '已导入：新增 {{inserted}}，更新 {{updated}}，未变 {{unchanged}}。', noProposals: '暂无提议。', groupEntry: '本国条目', judgement: '判断', group: '归入此提议', judgements: { same: '同一对象', different: '不同对象', unsure: '不确定' }, take: { concur: '同意', object: '反对', hold: '搁置' }, national: '{{state}} 国家名单', propose: '提议列入统一名单', defaultReason: '由国家名单提议', queue: '合并审议队列', subject: '对象', kind: '提议', by: '提议方', single: '统一名单', empty: '统一名单中暂无条目。', screen: '名称筛查', name: '姓名（任何文字）', birthDate: '出生', nationality: '国籍', passport: '护照', screenButton: '筛查', candidate: '候选', score: '得分', why: '原因', lists: '名单', match: '匹配', noResults: '没有候选。', property: '属性', value: '值', sources: '来源国', history: '列名历史', kinds: { listing: '列入', amendment: '修改', delisting: '除名' }, statuses: { open: '审议中', adopted: '已通过', blocked: '被阻止', withdrawn: '已撤回', listed: '在列', delisted: '已除名' }, positions: { concur: '同意', object: '反对', hold: '搁置' }, features: { name: '姓名', identifier: '证件', birth_year: '出生年份', nationality: '国籍', weak_alias: '弱别名', lone_name_part: '仅部分姓名', patronymic: '父名' } },
  positions: { support: '支持', no_objection: '不反对', reservation: '保留', objection: '反对', break_silence: '打破沉默', join: '参加', stay_out: '不参加' },
  impl: { title: '落实情况', plans: '行动计划', byPillar: '按领域', byState: '按国家', progress: '进展', measures: '措施', deadline: '期限', responsible: '负责方', report: '报告', claim: '评估', value: '数值', narrative: '说明', returnReport: '退回澄清', reports: '报告', overdue: '逾期', noMeasures: '尚未录入措施。', export: '导出', returned: '已退回', import: '导入计划', pillar: '领域', period: '期间', file: '措施（CSV 或 XLSX）', review: '落实情况审议', asOf: '截至', reviewFor: '会议审议报告', overTime: '落实率变化' },
  mstatus: { not_started: '未开始', on_track: '按计划', at_risk: '有风险', overdue: '逾期', done: '完成', dropped: '取消' },
  pillar: { security: '安全', economy: '经济', culture: '人文' },
  outcome: { open: '进行中', adopted: '已通过', blocked: '被阻止', deemed_adopted: '视为通过', silence_broken: '沉默被打破', rejected: '被否决', withdrawn: '已撤回', draft: '草案', in_procedure: '程序中' },
};

const isLang = (l: string | null | undefined): l is Lang => LANGS.some((x) => x.id === l);

/**
 * The language to start in: `?lang=` in the URL, else the one chosen before (localStorage), else
 * the first of the browser's languages (navigator.languages) the portal speaks, else English.
 */
export function negotiateLanguage(url: string, stored: string | null, browser: readonly string[]): Lang {
  const fromUrl = new URL(url, 'http://x').searchParams.get('lang');
  if (isLang(fromUrl)) return fromUrl;
  if (isLang(stored)) return stored;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLang(base)) return base;
  }
  return 'en';
}

const inBrowser = typeof window !== 'undefined';
const initial = inBrowser ? negotiateLanguage(window.location.href, localStorage.getItem('lang'), navigator.languages ?? [navigator.language]) : 'en';

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, ru: { translation: ru }, zh: { translation: zh } },
  lng: initial,
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});
if (inBrowser) document.documentElement.lang = initial;

/** The interface strings by language, for the test that every string has its ru and zh form. */
export const RESOURCES = { en, ru, zh };

/** Switches language, remembers the choice, and puts it in the URL (`?lang=`) and `<html lang>`. */
export function setLanguage(lang: Lang): void {
  localStorage.setItem('lang', lang);
  document.documentElement.lang = lang;
  const url = new URL(window.location.href);
  url.searchParams.set('lang', lang);
  window.history.replaceState(window.history.state, '', url);
  void i18n.changeLanguage(lang);
}

export default i18n;

/**
 * Registers an area's interface strings under `key` in all three languages (e.g. `t('economy.title')`).
 * ru and zh must have every key en has, so a missing translation fails type-checking.
 */
export function addStrings<T extends object>(key: string, strings: { en: T; ru: NoInfer<T>; zh: NoInfer<T> }): void {
  for (const lang of ['en', 'ru', 'zh'] as const) i18n.addResourceBundle(lang, 'translation', { [key]: strings[lang] }, true, true);
}
