/**
 * The portal's navigation as data: a few sections in the header, and the pages of the current
 * section in a second row under it. Adding a page to a section is one line here.
 */
import { NavLink, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

interface Section {
  /** The pages of the section; the first is the one the header links to. */
  pages: { to: string; label: string }[];
}

const SECTIONS: Section[] = [
  { pages: [{ to: '/', label: 'nav.map' }] },
  { pages: [{ to: '/organs', label: 'nav.organs' }, { to: '/chairmanships', label: 'nav.chairs' }, { to: '/organ-activity', label: 'work.nav.activity' }, { to: '/relations', label: 'rel.nav.relations' }] },
  { pages: [{ to: '/meetings', label: 'nav.meetings' }] },
  { pages: [{ to: '/documents', label: 'nav.documents' }, { to: '/depositary', label: 'work.nav.depositary' }] },
  { pages: [{ to: '/decisions', label: 'ws.decisions' }] },
  { pages: [{ to: '/implementation', label: 'nav.implementation' }, { to: '/commitments', label: 'work.nav.commitments' }] },
  { pages: [{ to: '/single-list', label: 'list.nav' }] },
  { pages: [{ to: '/infosec', label: 'infosec.nav' }, { to: '/infosec/incidents', label: 'infosecHandling.incidentsNav' }, { to: '/infosec/exercises', label: 'infosecHandling.exercisesNav' }, { to: '/infosec/sharing-groups', label: 'infosecHandling.groupsNav' }] },
  { pages: [{ to: '/economy', label: 'economy.nav' }, { to: '/economy/projects', label: 'corridors.sections.projects' }, { to: '/economy/corridors', label: 'corridors.sections.corridors' }, { to: '/economy/complementarity', label: 'corridors.sections.complementarity' }, { to: '/settlement', label: 'settlement.nav' }] },
  { pages: [{ to: '/search', label: 'work.nav.search' }] },
];

const within = (path: string, to: string) => (to === '/' ? path === '/' || path.startsWith('/states/') : path === to || path.startsWith(`${to}/`));

/** The section of `path`: the one with the longest page address that contains it. */
function sectionOf(path: string): Section | undefined {
  let best: { section: Section; length: number } | undefined;
  for (const section of SECTIONS) {
    for (const page of section.pages) {
      if (within(path, page.to) && (!best || page.to.length > best.length)) best = { section, length: page.to.length };
    }
  }
  return best?.section;
}

/** The header's links: one per section, marked current for every page of it. */
export function SiteNav({ label }: { label: string }) {
  const { t } = useTranslation();
  const current = sectionOf(useLocation().pathname);
  return (
    <nav id="site-nav" aria-label={label}>
      {SECTIONS.map((section) => {
        const first = section.pages[0]!;
        return <NavLink key={first.to} to={first.to} end className={section === current ? 'active' : undefined}>{t(first.label)}</NavLink>;
      })}
    </nav>
  );
}

/** The pages of the current section, when it has more than one. */
export function SectionNav() {
  const { t } = useTranslation();
  const path = useLocation().pathname;
  const section = sectionOf(path);
  if (!section || section.pages.length < 2) return null;
  const here = section.pages.filter((p) => within(path, p.to)).sort((a, b) => b.to.length - a.to.length)[0];
  return (
    <nav className="section-nav" aria-label={t(section.pages[0]!.label)}>
      {section.pages.map((p) => <NavLink key={p.to} to={p.to} end={p.to !== here?.to} className={p === here ? 'active' : undefined}>{t(p.label)}</NavLink>)}
    </nav>
  );
}
