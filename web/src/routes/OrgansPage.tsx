import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi, useLang, type Localised, type Sourced } from '../lib/api.ts';
import { Provenance } from '../components/Provenance.tsx';
import { City, RecordText } from '../components/RecordText.tsx';
import { StateName } from '../components/StateName.tsx';
import { LoadError, Loading } from '../components/States.tsx';
import { useRecordText } from '../lib/records.ts';
import { useFormat } from '../lib/format.ts';
import { usePageTitle } from '../lib/page.ts';
import { useState } from 'react';

type Organ = { id: string; parent: string | null; kind: string; name: Localised; seat: string | null; functions: string[]; charter_article: number | null; founding_document: string | null } & Sourced;

function Branch({ organ, all }: { organ: Organ; all: Organ[] }) {
  const { t } = useTranslation();
  const { text, list } = useRecordText();
  const { compare } = useFormat();
  const [open, setOpen] = useState(organ.parent === null || organ.parent === 'CHS');
  const name = (o: Organ) => text('organ', o.id, 'name', o.name.en, o.name).text;
  const children = all.filter((o) => o.parent === organ.id).sort((a, b) => compare(name(a), name(b)));
  return (
    <li data-organ={organ.id}>
      <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary><strong><RecordText shown={text('organ', organ.id, 'name', organ.name.en, organ.name)} /></strong> <small className="kind">{t(`ref.organKind.${organ.kind}`, { defaultValue: organ.kind })}</small> <small className="kind">{organ.id}</small></summary>
        <div className="organ-body">
          {organ.charter_article ? <p>{t('organs.article')}: {organ.charter_article}</p> : null}
          {organ.seat ? <p>{t('organs.seat')}: <City name={organ.seat} /></p> : null}
          {organ.founding_document ? <p>{t('organs.founded')}: <Link to={`/documents/${organ.founding_document.split('/').slice(4).join('-')}`}>{organ.founding_document}</Link></p> : null}
          {organ.functions.length > 0 ? <ul className="functions">{list('organ', organ.id, 'functions', organ.functions).map((f, i) => <li key={i}><RecordText shown={f} /></li>)}</ul> : null}
          {open ? <OfficeHolders organ={organ.id} /> : null}
          {organ.source.length > 0 ? <Provenance record={organ} /> : null}
          {['CHS', 'CHG'].includes(organ.id) ? <p><Link to={`/meetings?organ=${organ.id}`}>{t('meetings.title')}</Link></p> : null}
        </div>
        {children.length > 0 ? <ul className="tree">{children.map((c) => <Branch key={c.id} organ={c} all={all} />)}</ul> : null}
      </details>
    </li>
  );
}

type Official = { name: string; state: string | null; title: string; term_start: string; term_end: string | null };

/** The organ's office holders with their terms, newest first (from GET /api/v1/organs/{id}). */
function OfficeHolders({ organ }: { organ: string }) {
  const { t } = useTranslation();
  const { text } = useRecordText();
  const { date } = useFormat();
  const { data } = useApi<{ officials: Official[] }>(`/api/v1/organs/${organ}`);
  if (!data || data.officials.length === 0) return null;
  return (
    <>
      <h3>{t('organs.officials')}</h3>
      <table>
        <thead><tr><th>{t('ref.person')}</th><th>{t('ref.office')}</th><th>{t('common.state')}</th><th>{t('ref.term')}</th></tr></thead>
        <tbody>
          {[...data.officials].reverse().map((o) => {
            const id = `${organ}/${o.name}/${o.term_start}`;
            return (
              <tr key={id}>
                <td><RecordText shown={text('official', id, 'name', o.name)} /></td>
                <td><RecordText shown={text('official', id, 'title', o.title)} /></td>
                <td><StateName iso2={o.state} /></td>
                <td>{date(o.term_start)} – {o.term_end ? date(o.term_end) : t('state.present')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

export function OrgansPage() {
  const { t } = useTranslation();
  usePageTitle(t('organs.title'));
  const { data, error, status } = useApi<{ items: Organ[] }>('/api/v1/organs?per_page=200');
  if (error) return <LoadError error={error} status={status} />;
  if (!data) return <Loading />;
  return (
    <section>
      <h1>{t('organs.title')}</h1>
      <ul className="tree root">{data.items.filter((o) => o.parent === null).map((o) => <Branch key={o.id} organ={o} all={data.items} />)}</ul>
      <p><a href="/api/v1/organs.csv">{t('common.csv')}</a></p>
    </section>
  );
}
