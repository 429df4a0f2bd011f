-- Document texts in en/ru/zh, versioned: an upload is a new version, earlier versions stay
-- readable; each version is cut into units (preamble, recitals, chapters, articles, paragraphs,
-- final clauses) with Akoma Ntoso-style eIds. Search reads the units of the latest versions.

create table document_text_version (
  id text primary key,
  document_id text not null references document(id),
  language text not null check (language in ('en', 'ru', 'zh')),
  version int not null check (version > 0),
  body text not null,
  sha256 text not null,
  source text[] not null default '{}',
  note text,
  -- 'reference' (loaded from data/texts by the seed) or 'upload' (an officer's upload).
  origin text not null check (origin in ('reference', 'upload')),
  uploaded_by text references app_user(id),
  created_at timestamptz not null,
  unique (document_id, language, version)
);

create table document_text_unit (
  version_id text not null references document_text_version(id),
  position int not null,
  eid text not null,
  kind text not null check (kind in ('preamble', 'recital', 'chapter', 'article', 'paragraph', 'conclusions')),
  num text,
  heading text,
  body text not null,
  parent_eid text,
  -- Stemmed words (Russian Snowball for Cyrillic, English for Latin), as the title search uses.
  words tsvector generated always as (to_tsvector('russian', coalesce(heading, '') || ' ' || body)) stored,
  primary key (version_id, position),
  unique (version_id, eid)
);
create index document_text_unit_words on document_text_unit using gin (words);
