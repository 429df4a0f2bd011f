import { addStrings } from '../i18n.ts';

const en = { title: 'Audit log', nav: 'Audit log', actor: 'Actor', state: 'Acting for', recordType: 'Kind of record', record: 'Record', from: 'From', to: 'To', at: 'Time', action: 'Action', filter: 'Filter', denied: 'Only Secretariat officers and administrators read the audit log.', limit: 'The newest {{limit}} events are shown; narrow the filters to see older ones.' };
type Strings = typeof en;
const ru: Strings = { title: 'Журнал аудита', nav: 'Журнал аудита', actor: 'Кто', state: 'От имени', recordType: 'Вид записи', record: 'Запись', from: 'С', to: 'По', at: 'Время', action: 'Действие', filter: 'Отобрать', denied: 'Журнал аудита доступен только сотрудникам Секретариата и администраторам.', limit: 'Показаны последние {{limit}} событий; уточните отбор, чтобы увидеть более ранние.' };
const zh: Strings = { title: '审计日志', nav: '审计日志', actor: '操作者', state: '代表', recordType: '记录类别', record: '记录', from: '起', to: '止', at: '时间', action: '操作', filter: '筛选', denied: '只有秘书处官员和管理员可以查看审计日志。', limit: '显示最新的 {{limit}} 条事件；缩小筛选范围可查看更早的事件。' };

addStrings('audit', { en, ru, zh });
