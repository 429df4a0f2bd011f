/** Strings of the document text pages (reading, printing, uploading). */
import { addStrings } from '../i18n.ts';

const en = {
  title: 'Text', open: 'Text', back: 'Back to the document', backToText: 'Back to the text', language: 'Language', lang: { en: 'English', ru: 'Russian', zh: 'Chinese' },
  version: 'Version', versionOf: 'version {{version}} of {{date}}', older: 'An earlier version: the latest is {{latest}}.', akn: 'Akoma Ntoso XML', print: 'Printable page', printNow: 'Print',
  source: 'Source', note: 'Note', none: 'No text of this document is held yet.',
  upload: 'Upload a new version', uploadHelp: 'Plain text; start each article on its own line with "Article N", "Статья N" or "第N条" (chapters: "Chapter I", "Глава I", "第一章"). Each upload becomes a new version; earlier versions stay readable.',
  body: 'Text', save: 'Upload', uploaded: 'Uploaded as version {{version}}.', passages: 'In the text',
};
type Strings = typeof en;
const ru: Strings = {
  title: 'Текст', open: 'Текст', back: 'К документу', backToText: 'К тексту', language: 'Язык', lang: { en: 'Английский', ru: 'Русский', zh: 'Китайский' },
  version: 'Редакция', versionOf: 'редакция {{version}} от {{date}}', older: 'Прежняя редакция: последняя — {{latest}}.', akn: 'XML (формат Акома Нтосо)', print: 'Версия для печати', printNow: 'Печать',
  source: 'Источник', note: 'Примечание', none: 'Текст этого документа пока не загружен.',
  upload: 'Загрузить новую редакцию', uploadHelp: 'Простой текст; каждая статья начинается с новой строки словами «Статья N» (или «第N条» для китайского текста; главы — «Глава I»). Каждая загрузка становится новой редакцией; прежние остаются доступны.',
  body: 'Текст', save: 'Загрузить', uploaded: 'Загружено как редакция {{version}}.', passages: 'В тексте',
};
const zh: Strings = {
  title: '文本', open: '文本', back: '返回文件', backToText: '返回文本', language: '语言', lang: { en: '英文', ru: '俄文', zh: '中文' },
  version: '版本', versionOf: '第 {{version}} 版（{{date}}）', older: '这是较早的版本：最新为第 {{latest}} 版。', akn: 'XML（阿科玛·恩托索格式）', print: '打印版', printNow: '打印',
  source: '来源', note: '备注', none: '尚未收录该文件的文本。',
  upload: '上传新版本', uploadHelp: '纯文本；每条另起一行，以“第N条”或“Статья N”开头（章：“第一章”）。每次上传即为新版本，旧版本仍可查阅。',
  body: '文本', save: '上传', uploaded: '已上传为第 {{version}} 版。', passages: '文本中',
};

addStrings('texts', { en, ru, zh });
