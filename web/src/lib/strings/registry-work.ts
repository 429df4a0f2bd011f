/** Strings of the depositary, search, organ activity and commitment pages. */
import { addStrings } from '../i18n.ts';

const en = {
  nav: { search: 'Search', depositary: 'Depositary', activity: 'Organ activity', commitments: 'Commitments' },
  search: { title: 'Search the registry', query: 'Words in English, Russian or Chinese', go: 'Search', kind: 'Kind', organ: 'Organ', year: 'Year', status: 'Status', any: 'any', results: '{{count}} documents', none: 'Nothing found.' },
  dep: {
    title: 'Depositary', notifications: 'Depositary notifications', number: 'No.', published: 'Published', statusTable: 'Status of the treaty', charter: 'Charter of the SCO', noNotifications: 'No notifications have been published yet.', participant: 'Participant', signature: 'Signature',
    consent: 'Ratification, acceptance, approval, accession (a)', provisional: 'Provisional application', eif: 'Entry into force', reservations: 'Reservations and declarations', computation: 'How the date was reached',
    acts: 'Acts recorded by the depositary', superseded: 'superseded by', record: 'Record a treaty action', state: 'State (ISO code)', action: 'Action', date: 'Date', instrument: 'Instrument', source: 'Source', text: 'Text (reservation or declaration)',
    supersedes: 'Corrects act', save: 'Record', recorded: 'Recorded; notification {{id}} published.', json: 'JSON', overall: 'Overall', open: 'Status table',
  },
  act: { signature: 'signature', ratification: 'ratification', acceptance: 'acceptance', approval: 'approval', accession: 'accession', notification: 'notification of internal procedures', reservation: 'reservation', declaration: 'declaration', withdrawal: 'withdrawal', provisional_application: 'provisional application', entry_into_force: 'entry into force' },
  activity: {
    title: 'Which bodies met, how often, and what they produced', organ: 'Organ', rhythm: 'Mandated rhythm', meetings: 'Meetings', documents: 'Documents', last: 'Last meeting', next: 'Next', due: 'Next due by', status: 'Standing',
    check: 'Check now and alert', sent: '{{count}} alerts sent', schedule: 'Schedule a meeting', start: 'Start', end: 'End', city: 'City', agenda: 'Agenda item', save: 'Schedule', scheduled: 'Scheduled: {{id}}',
  },
  rhythm: { annual: 'once a year', twice_yearly: 'twice a year', thrice_yearly: 'at least three times a year', as_needed: 'as needed' },
  standing: { active: 'active', dormant: 'dormant', not_mandated: 'no mandated rhythm' },
  com: { title: 'Commitment register', document: 'Document', paragraph: 'Paragraph', what: 'Commitment', who: 'Who', deadline: 'By', status: 'Status', flags: 'Flags', flag: 'Show', all: 'all', total: '{{count}} commitments' },
  flag: { no_owner: 'no owner', no_deadline: 'no deadline', overdue: 'overdue', met: 'met' },
};

addStrings('work', {
  en,
  ru: {
    nav: { search: 'Поиск', depositary: 'Депозитарий', activity: 'Работа органов', commitments: 'Обязательства' },
    search: { title: 'Поиск по реестру', query: 'Слова на русском, английском или китайском', go: 'Найти', kind: 'Вид', organ: 'Орган', year: 'Год', status: 'Статус', any: 'любой', results: 'Документов: {{count}}', none: 'Ничего не найдено.' },
    dep: {
      title: 'Депозитарий', notifications: 'Депозитарные уведомления', number: '№', published: 'Опубликовано', statusTable: 'Состояние договора', charter: 'Хартия ШОС', noNotifications: 'Уведомления ещё не опубликованы.', participant: 'Участник', signature: 'Подписание',
      consent: 'Ратификация, принятие, утверждение, присоединение (п)', provisional: 'Временное применение', eif: 'Вступление в силу', reservations: 'Оговорки и заявления', computation: 'Как получена дата',
      acts: 'Действия, зарегистрированные депозитарием', superseded: 'заменено', record: 'Зарегистрировать действие', state: 'Государство (код ISO)', action: 'Действие', date: 'Дата', instrument: 'Документ', source: 'Источник', text: 'Текст (оговорки или заявления)',
      supersedes: 'Исправляет действие', save: 'Зарегистрировать', recorded: 'Зарегистрировано; опубликовано уведомление {{id}}.', json: 'JSON', overall: 'В целом', open: 'Состояние',
    },
    act: { signature: 'подписание', ratification: 'ратификация', acceptance: 'принятие', approval: 'утверждение', accession: 'присоединение', notification: 'уведомление о внутригосударственных процедурах', reservation: 'оговорка', declaration: 'заявление', withdrawal: 'выход', provisional_application: 'временное применение', entry_into_force: 'вступление в силу' },
    activity: {
      title: 'Какие органы заседали, как часто и что приняли', organ: 'Орган', rhythm: 'Установленная периодичность', meetings: 'Заседания', documents: 'Документы', last: 'Последнее заседание', next: 'Следующее', due: 'Следующее не позднее', status: 'Состояние',
      check: 'Проверить и уведомить', sent: 'Отправлено уведомлений: {{count}}', schedule: 'Назначить заседание', start: 'Начало', end: 'Окончание', city: 'Город', agenda: 'Пункт повестки', save: 'Назначить', scheduled: 'Назначено: {{id}}',
    },
    rhythm: { annual: 'раз в год', twice_yearly: 'два раза в год', thrice_yearly: 'не реже трёх раз в год', as_needed: 'по мере необходимости' },
    standing: { active: 'работает', dormant: 'бездействует', not_mandated: 'периодичность не установлена' },
    com: { title: 'Реестр обязательств', document: 'Документ', paragraph: 'Пункт', what: 'Обязательство', who: 'Кто', deadline: 'Срок', status: 'Статус', flags: 'Отметки', flag: 'Показать', all: 'все', total: 'Обязательств: {{count}}' },
    flag: { no_owner: 'нет исполнителя', no_deadline: 'нет срока', overdue: 'просрочено', met: 'выполнено' },
  },
  zh: {
    nav: { search: '检索', depositary: '保存机关', activity: '机构活动', commitments: '承诺' },
    search: { title: '检索登记册', query: '中文、俄文或英文词语', go: '检索', kind: '类别', organ: '机构', year: '年份', status: '状态', any: '任意', results: '共 {{count}} 份文件', none: '未找到。' },
    dep: {
      title: '保存机关', notifications: '保存机关通知', number: '编号', published: '发布日期', statusTable: '条约状况', charter: '上合组织宪章', noNotifications: '尚未发布任何通知。', participant: '参加方', signature: '签署',
      consent: '批准、接受、核准、加入（a）', provisional: '临时适用', eif: '生效', reservations: '保留和声明', computation: '日期的计算过程',
      acts: '保存机关登记的行为', superseded: '已被更正为', record: '登记条约行为', state: '国家（ISO代码）', action: '行为', date: '日期', instrument: '文书', source: '来源', text: '文本（保留或声明）',
      supersedes: '更正的行为', save: '登记', recorded: '已登记；已发布通知 {{id}}。', json: 'JSON', overall: '总体', open: '状况表',
    },
    act: { signature: '签署', ratification: '批准', acceptance: '接受', approval: '核准', accession: '加入', notification: '完成国内程序的通知', reservation: '保留', declaration: '声明', withdrawal: '退出', provisional_application: '临时适用', entry_into_force: '生效' },
    activity: {
      title: '哪些机构开过会、频率如何、产出了什么', organ: '机构', rhythm: '规定的会议周期', meetings: '会议', documents: '文件', last: '最近一次会议', next: '下一次', due: '最迟应于', status: '状态',
      check: '立即检查并提醒', sent: '已发送 {{count}} 条提醒', schedule: '安排会议', start: '开始', end: '结束', city: '城市', agenda: '议程项目', save: '安排', scheduled: '已安排：{{id}}',
    },
    rhythm: { annual: '每年一次', twice_yearly: '每年两次', thrice_yearly: '每年至少三次', as_needed: '视需要' },
    standing: { active: '正常', dormant: '停滞', not_mandated: '无规定周期' },
    com: { title: '承诺登记册', document: '文件', paragraph: '段落', what: '承诺', who: '负责方', deadline: '期限', status: '状态', flags: '标记', flag: '显示', all: '全部', total: '共 {{count}} 项承诺' },
    flag: { no_owner: '无负责方', no_deadline: '无期限', overdue: '逾期', met: '已完成' },
  },
});
