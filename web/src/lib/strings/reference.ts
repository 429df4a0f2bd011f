/** Labels for the codes reference records carry (kinds, actions, rules, roles) and portal-wide states. */
import { addStrings } from '../i18n.ts';

const en = {
  ownTranslation: 'our own translation, not an official text',
  organKind: { council: 'council', meeting_format: 'meeting format', permanent_body: 'permanent body', group: 'group', mechanism: 'mechanism', working_group: 'working group', expert_group: 'expert group', ministerial_meeting: 'ministerial meeting' },
  docKind: { charter: 'charter', convention: 'convention', treaty: 'treaty', agreement: 'agreement', protocol: 'protocol', declaration: 'declaration', statement: 'statement', communique: 'communiqué', programme: 'programme', 'action-plan': 'action plan', plan: 'plan', strategy: 'strategy', concept: 'concept', roadmap: 'road map', regulation: 'regulation', memorandum: 'memorandum', decision: 'decision', initiative: 'initiative', resolution: 'resolution' },
  action: { signature: 'signature', ratification: 'ratification', acceptance: 'acceptance', approval: 'approval', accession: 'accession', reservation: 'reservation', declaration: 'declaration', withdrawal: 'withdrawal' },
  eif: { on_signature: 'in force on signature', consents: 'in force on the {{days}}th day after the {{count}}th instrument of consent', recorded: 'the date of entry into force is recorded', unknown: 'no rule recorded' },
  eifBasis: { recorded: 'recorded', computed: 'computed', none: 'no basis' },
  procedure: { consensus: 'consensus', consensus_minus_one: 'consensus minus one', interested_states: 'interested states', silence: 'silence procedure' },
  role: { administrator: 'administrator', secretariat_officer: 'Secretariat officer', national_coordinator: 'national coordinator', delegate: 'delegate', partner_delegate: 'partner delegate', competent_authority: 'competent authority', rats_officer: 'RATS officer' },
  notFound: 'Not found',
  notFoundText: 'There is no such page or record. It may have moved, or the address may be mistyped.',
  home: 'Go to the start page',
  apiDown: 'The server is not answering. Try again in a moment.',
  menu: 'Menu',
  language: 'Language',
  skip: 'Skip to content',
  empty: 'Nothing here yet.',
  organ: { CHS: 'Council of Heads of State', CHG: 'Council of Heads of Government', SECRETARIAT: 'Secretariat' },
  countsTitle: 'The SCO family year by year (states by status on 30 June)',
  pendingSignatures: 'Signatures pending',
  person: 'Name', office: 'Office', term: 'Term',
};
type Strings = typeof en;

const ru: Strings = {
  ownTranslation: 'наш собственный перевод, не официальный текст',
  organKind: { council: 'совет', meeting_format: 'формат встреч', permanent_body: 'постоянно действующий орган', group: 'группа', mechanism: 'механизм', working_group: 'рабочая группа', expert_group: 'группа экспертов', ministerial_meeting: 'совещание министров' },
  docKind: { charter: 'хартия', convention: 'конвенция', treaty: 'договор', agreement: 'соглашение', protocol: 'протокол', declaration: 'декларация', statement: 'заявление', communique: 'коммюнике', programme: 'программа', 'action-plan': 'план действий', plan: 'план', strategy: 'стратегия', concept: 'концепция', roadmap: 'дорожная карта', regulation: 'положение', memorandum: 'меморандум', decision: 'решение', initiative: 'инициатива', resolution: 'резолюция' },
  action: { signature: 'подписание', ratification: 'ратификация', acceptance: 'принятие', approval: 'утверждение', accession: 'присоединение', reservation: 'оговорка', declaration: 'заявление', withdrawal: 'выход' },
  eif: { on_signature: 'вступает в силу с даты подписания', consents: 'вступает в силу на {{days}}-й день после сдачи {{count}}-го документа о согласии', recorded: 'дата вступления в силу зафиксирована', unknown: 'правило не зафиксировано' },
  eifBasis: { recorded: 'зафиксировано', computed: 'рассчитано', none: 'без основания' },
  procedure: { consensus: 'консенсус', consensus_minus_one: 'консенсус минус один', interested_states: 'заинтересованные государства', silence: 'процедура умолчания' },
  role: { administrator: 'администратор', secretariat_officer: 'сотрудник Секретариата', national_coordinator: 'национальный координатор', delegate: 'делегат', partner_delegate: 'делегат партнёра', competent_authority: 'компетентный орган', rats_officer: 'сотрудник РАТС' },
  notFound: 'Не найдено',
  notFoundText: 'Такой страницы или записи нет. Возможно, она перемещена или адрес набран с ошибкой.',
  home: 'На главную страницу',
  apiDown: 'Сервер не отвечает. Повторите попытку чуть позже.',
  menu: 'Меню',
  language: 'Язык',
  skip: 'К содержанию',
  empty: 'Здесь пока ничего нет.',
  organ: { CHS: 'Совет глав государств', CHG: 'Совет глав правительств', SECRETARIAT: 'Секретариат' },
  countsTitle: 'Семья ШОС по годам (число государств по статусу на 30 июня)',
  pendingSignatures: 'Ожидаются подписи',
  person: 'Имя', office: 'Должность', term: 'Срок полномочий',
};

const zh: Strings = {
  ownTranslation: '本平台自译，非正式文本',
  organKind: { council: '理事会', meeting_format: '会议机制', permanent_body: '常设机构', group: '组', mechanism: '机制', working_group: '工作组', expert_group: '专家组', ministerial_meeting: '部长会议' },
  docKind: { charter: '宪章', convention: '公约', treaty: '条约', agreement: '协定', protocol: '议定书', declaration: '宣言', statement: '声明', communique: '公报', programme: '纲要', 'action-plan': '行动计划', plan: '计划', strategy: '战略', concept: '构想', roadmap: '路线图', regulation: '条例', memorandum: '备忘录', decision: '决议', initiative: '倡议', resolution: '决议案' },
  action: { signature: '签署', ratification: '批准', acceptance: '接受', approval: '核准', accession: '加入', reservation: '保留', declaration: '声明', withdrawal: '退出' },
  eif: { on_signature: '自签署之日起生效', consents: '自第{{count}}份同意文书交存后第{{days}}日起生效', recorded: '生效日期已记录', unknown: '未记录生效规则' },
  eifBasis: { recorded: '已记录', computed: '推算', none: '无依据' },
  procedure: { consensus: '协商一致', consensus_minus_one: '协商一致减一', interested_states: '有关国家', silence: '沉默程序' },
  role: { administrator: '管理员', secretariat_officer: '秘书处官员', national_coordinator: '国家协调员', delegate: '代表', partner_delegate: '伙伴代表', competent_authority: '主管机关', rats_officer: '地区反恐怖机构官员' },
  notFound: '未找到',
  notFoundText: '没有此页面或记录。它可能已移动，或地址有误。',
  home: '返回首页',
  apiDown: '服务器没有响应。请稍后再试。',
  menu: '菜单',
  language: '语言',
  skip: '跳到正文',
  empty: '暂无内容。',
  organ: { CHS: '元首理事会', CHG: '政府首脑理事会', SECRETARIAT: '秘书处' },
  countsTitle: '上合组织大家庭逐年变化（每年6月30日各身份国家数）',
  pendingSignatures: '待签署',
  person: '姓名', office: '职务', term: '任期',
};

addStrings('ref', { en, ru, zh });
