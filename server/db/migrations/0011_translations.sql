-- Russian and Chinese texts of reference records that the record files give in English only
-- (data/sco/translations.csv): one row per record, field and language, each with its source and
-- a confidence saying whether it is an official text or our own translation.
create table translation (
  kind text not null,
  record_id text not null,
  field text not null,
  lang text not null check (lang in ('ru', 'zh')),
  text text not null,
  source text[] not null default '{}',
  confidence text not null check (confidence in ('official', 'own_translation')),
  primary key (kind, record_id, field, lang)
);
