/** Strings of membership acts, memoranda with international organisations, cultural events, and the officers' annex and meeting-record forms. */
import { addStrings } from '../i18n.ts';

const en = {
  nav: { relations: 'Relations' },
  acts: {
    title: 'Membership acts', kind: 'Act', status: 'Status', date: 'Date', decision: 'Decision', organ: 'Organ', record: 'Record a membership act', basis: 'Basis', source: 'Source (link)',
    precision: 'Date known to the', save: 'Record', recorded: 'Recorded: {{id}}', none: 'no status',
  },
  actKind: { founding: 'founding', application: 'application', procedure_launched: 'admission procedure launched', memorandum_of_obligations: 'memorandum of obligations', dialogue_memorandum: 'dialogue-partner memorandum', admission: 'admission', status_change: 'status change', withdrawal: 'withdrawal' },
  precision: { day: 'day', month: 'month', year: 'year' },
  events: { title: 'Cultural and humanitarian events', kind: 'Kind', dates: 'Dates', hosts: 'Hosts', states: 'Participating states', none: 'No events.' },
  eventKind: { thematic_year: 'thematic year', cultural_capital: 'tourism and cultural capital', festival: 'festival', forum: 'forum', youth: 'youth', media: 'media' },
  memo: { title: 'Relations with international organisations', organisation: 'Organisation', party: 'SCO party', instrument: 'Instrument', ledger: 'Ledger', signed: 'Signed', undated: 'date not verified' },
  memoAction: { decided: 'decided', signed: 'signed', announced: 'announced', granted: 'granted', in_force: 'in force' },
  memoKind: { memorandum: 'memorandum', joint_declaration: 'joint declaration', observer_status: 'observer status' },
  annex: {
    title: 'Implementation annex', pillar: 'Pillar', paragraph: 'Paragraph', what: 'Commitment', states: 'States', organs: 'Organs', deadline: 'By', indicator: 'Indicator', add: 'Add a commitment', remove: 'Remove',
    save: 'Save the annex', saved: 'Annex saved: {{count}} commitments', list: 'comma-separated codes',
  },
  pillar: { security: 'security', economy: 'economy', culture: 'culture' },
  record: {
    title: 'Meeting record', agenda: 'Agenda item', draft: 'Draft on the agenda', delegation: 'Delegation of', members: 'Members (one per line)', outcomes: 'Outcome documents', minutes: 'Minutes',
    addItem: 'Add an agenda item', addDelegation: 'Add a delegation', save: 'Save the record', saved: 'Record saved', empty: 'No record kept yet.',
  },
};

addStrings('rel', {
  en,
  ru: {
    nav: { relations: 'Внешние связи' },
    acts: {
      title: 'Акты о членстве и статусе', kind: 'Акт', status: 'Статус', date: 'Дата', decision: 'Решение', organ: 'Орган', record: 'Зарегистрировать акт', basis: 'Основание', source: 'Источник (ссылка)',
      precision: 'Дата известна с точностью до', save: 'Зарегистрировать', recorded: 'Зарегистрировано: {{id}}', none: 'без статуса',
    },
    actKind: { founding: 'учреждение', application: 'заявление', procedure_launched: 'начало процедуры приёма', memorandum_of_obligations: 'меморандум об обязательствах', dialogue_memorandum: 'меморандум о партнёрстве по диалогу', admission: 'приём', status_change: 'изменение статуса', withdrawal: 'выход' },
    precision: { day: 'дня', month: 'месяца', year: 'года' },
    events: { title: 'Культурные и гуманитарные мероприятия', kind: 'Вид', dates: 'Даты', hosts: 'Принимающая сторона', states: 'Участвующие государства', none: 'Мероприятий нет.' },
    eventKind: { thematic_year: 'тематический год', cultural_capital: 'туристическая и культурная столица', festival: 'фестиваль', forum: 'форум', youth: 'молодёжь', media: 'средства массовой информации' },
    memo: { title: 'Связи с международными организациями', organisation: 'Организация', party: 'Сторона от ШОС', instrument: 'Документ', ledger: 'Журнал', signed: 'Подписан', undated: 'дата не подтверждена' },
    memoAction: { decided: 'принято решение', signed: 'подписан', announced: 'объявлен', granted: 'предоставлен', in_force: 'вступил в силу' },
    memoKind: { memorandum: 'меморандум', joint_declaration: 'совместная декларация', observer_status: 'статус наблюдателя' },
    annex: {
      title: 'Приложение об исполнении', pillar: 'Направление', paragraph: 'Пункт', what: 'Обязательство', states: 'Государства', organs: 'Органы', deadline: 'Срок', indicator: 'Показатель', add: 'Добавить обязательство', remove: 'Удалить',
      save: 'Сохранить приложение', saved: 'Приложение сохранено, обязательств: {{count}}', list: 'коды через запятую',
    },
    pillar: { security: 'безопасность', economy: 'экономика', culture: 'культура' },
    record: {
      title: 'Протокольная запись заседания', agenda: 'Пункт повестки', draft: 'Проект в повестке', delegation: 'Делегация', members: 'Состав (по одному в строке)', outcomes: 'Итоговые документы', minutes: 'Протокол',
      addItem: 'Добавить пункт повестки', addDelegation: 'Добавить делегацию', save: 'Сохранить запись', saved: 'Запись сохранена', empty: 'Запись ещё не велась.',
    },
  },
  zh: {
    nav: { relations: '对外关系' },
    acts: {
      title: '成员资格和地位文书', kind: '文书', status: '地位', date: '日期', decision: '决定', organ: '机构', record: '登记文书', basis: '依据', source: '来源（链接）',
      precision: '日期精确到', save: '登记', recorded: '已登记：{{id}}', none: '无地位',
    },
    actKind: { founding: '创始', application: '申请', procedure_launched: '启动接纳程序', memorandum_of_obligations: '义务备忘录', dialogue_memorandum: '对话伙伴备忘录', admission: '接纳', status_change: '地位变更', withdrawal: '退出' },
    precision: { day: '日', month: '月', year: '年' },
    events: { title: '人文交流活动', kind: '类别', dates: '日期', hosts: '主办方', states: '参加国', none: '暂无活动。' },
    eventKind: { thematic_year: '主题年', cultural_capital: '旅游和文化之都', festival: '艺术节', forum: '论坛', youth: '青年', media: '媒体' },
    memo: { title: '与国际组织的关系', organisation: '组织', party: '上合组织一方', instrument: '文书', ledger: '记录', signed: '签署', undated: '日期未核实' },
    memoAction: { decided: '决定', signed: '签署', announced: '宣布', granted: '给予', in_force: '生效' },
    memoKind: { memorandum: '备忘录', joint_declaration: '联合宣言', observer_status: '观察员地位' },
    annex: {
      title: '执行附件', pillar: '领域', paragraph: '段落', what: '承诺', states: '国家', organs: '机构', deadline: '期限', indicator: '指标', add: '添加承诺', remove: '删除',
      save: '保存附件', saved: '附件已保存：{{count}} 项承诺', list: '以逗号分隔的代码',
    },
    pillar: { security: '安全', economy: '经济', culture: '人文' },
    record: {
      title: '会议记录', agenda: '议程项目', draft: '列入议程的草案', delegation: '代表团', members: '成员（每行一人）', outcomes: '成果文件', minutes: '会议纪要',
      addItem: '添加议程项目', addDelegation: '添加代表团', save: '保存记录', saved: '记录已保存', empty: '尚无记录。',
    },
  },
});
