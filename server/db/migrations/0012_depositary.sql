-- The depositary: treaty actions recorded by officers (never edited: a correction is a new act
-- that supersedes the old one) and the depositary notifications, numbered per year.

create table depositary_act (
  id text primary key,
  document_id text not null references document(id),
  state_iso2 char(2) not null references state(iso2),
  action text not null,
  date date not null,
  instrument text not null,
  text text,
  source text[] not null default '{}',
  supersedes text references depositary_act(id),
  recorded_by text not null references app_user(id),
  recorded_at timestamptz not null
);
create index depositary_act_document on depositary_act (document_id);
-- An act is superseded at most once: two corrections of one act race to a 409.
create unique index depositary_act_supersedes on depositary_act (supersedes) where supersedes is not null;

create table depositary_notification (
  id text primary key,
  year int not null,
  number int not null,
  document_id text not null references document(id),
  act_id text not null references depositary_act(id),
  summary text not null,
  published_at timestamptz not null,
  unique (year, number)
);
