import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SingleListEntityPage, SingleListPage } from './routes/SingleListPage.tsx';
import { BrowserRouter, NavLink, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGS, setLanguage, type Lang } from './lib/i18n.ts';
import { MapPage } from './routes/MapPage.tsx';
import { StatePage } from './routes/StatePage.tsx';
import { OrgansPage } from './routes/OrgansPage.tsx';
import { ChairmanshipsPage } from './routes/ChairmanshipsPage.tsx';
import { MeetingPage, MeetingsPage } from './routes/MeetingsPage.tsx';
import { DocumentPage, DocumentsPage } from './routes/DocumentsPage.tsx';
import { SignInPage } from './routes/SignInPage.tsx';
import { DecisionsPage, WorkspacePage } from './routes/WorkspacePage.tsx';
import { DraftPage } from './routes/DraftPage.tsx';
import { ImplementationPage, PlanPage } from './routes/ImplementationPage.tsx';
import { ReviewPage } from './routes/ReviewPage.tsx';
import { SettlementCyclePage, SettlementPage, SettlementParticipantPage } from './routes/SettlementPage.tsx';
import { EconomyPage } from './routes/EconomyPage.tsx';
import { ProjectPage, ProjectsPage } from './routes/ProjectPage.tsx';
import { CorridorPage, CorridorsPage } from './routes/CorridorsPage.tsx';
import { ComplementarityPage } from './routes/ComplementarityPage.tsx';
import { SearchPage } from './routes/SearchPage.tsx';
import { DepositaryPage, TreatyStatusPage } from './routes/DepositaryPage.tsx';
import { CommitmentsPage, OrganActivityPage } from './routes/OrganActivityPage.tsx';

import { AuditPage } from './routes/AuditPage.tsx';
import { RelationsPage } from './routes/RelationsPage.tsx';
import { forgetCsrf, send } from './lib/api.ts';
import { NotFound } from './components/States.tsx';
import { labelTables } from './lib/reflow.ts';
import './lib/strings/reference.ts';
import { useMe } from './lib/session.ts';
import { InfosecPage } from './routes/InfosecPage.tsx';
import { IncidentsPage } from './routes/IncidentsPage.tsx';
import { SharingGroupsPage } from './routes/SharingGroupsPage.tsx';
import { ExercisesPage } from './routes/ExercisesPage.tsx';
import { infosecHandlingStrings } from './lib/strings/infosec-handling.ts';
import { addStrings } from './lib/i18n.ts';
import { infosecStrings } from './lib/strings/infosec.ts';
import { PrintTextPage, TextPage } from './routes/TextPage.tsx';
import { SectionNav, SiteNav } from './components/SiteNav.tsx';
import './styles.css';

addStrings('infosec', infosecStrings);
addStrings('infosecHandling', infosecHandlingStrings);

function Account() {
  const { t } = useTranslation();
  const { me } = useMe();
  if (!me) return <NavLink to="/sign-in">{t('ws.signIn')}</NavLink>;
  const signOut = async () => {
    await send('DELETE', '/api/v1/session').catch(() => undefined);
    forgetCsrf();
    window.location.assign('/');
  };
  return (
    <>
      <NavLink to="/workspace">{t('ws.workspace')}</NavLink>
      {me.abilities.includes('audit.read') ? <NavLink to="/audit">{t('audit.nav')}</NavLink> : null}
      <span className="who" data-testid="who">{me.email}</span>
      <button className="link" onClick={signOut}>{t('ws.signOut')}</button>
    </>
  );
}

/** Keeps `?lang=` in the address of every page, so a copied link opens in the same language. */
function useLanguageInUrl(lang: string) {
  const location = useLocation();
  const navigate = useNavigate();
  useEffect(() => {
    const params = new URLSearchParams(location.search);
    if (params.get('lang') === lang) return;
    params.set('lang', lang);
    navigate({ pathname: location.pathname, search: `?${params}`, hash: location.hash }, { replace: true, state: location.state });
  }, [lang, location, navigate]);
}

function Layout() {
  const { t, i18n } = useTranslation();
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  useLanguageInUrl(i18n.resolvedLanguage ?? 'en');
  useEffect(() => setMenuOpen(false), [location.pathname]);
  useEffect(() => labelTables(document.getElementById('main')!), []);
  return (
    <>
      <a className="skip" href="#main">{t('ref.skip')}</a>
      <header className={menuOpen ? 'menu-open' : ''}>
        <div className="brand"><strong>{t('app')}</strong> <span>{t('tagline')}</span></div>
        <button type="button" className="menu-button" aria-expanded={menuOpen} aria-controls="site-nav" onClick={() => setMenuOpen((o) => !o)}>☰ {t('ref.menu')}</button>
        <SiteNav label={t('ref.menu')} />
        <div className="account"><Account /></div>
        <select aria-label={t('ref.language')} data-testid="language" value={i18n.resolvedLanguage} onChange={(e) => setLanguage(e.target.value as Lang)}>
          {LANGS.map((l) => <option key={l.id} value={l.id}>{l.label}</option>)}
        </select>
      </header>
      <main id="main">
        <SectionNav />
        <Routes>
          <Route path="/" element={<MapPage />} />
          <Route path="/states/:iso2" element={<StatePage />} />
          <Route path="/organs" element={<OrgansPage />} />
          <Route path="/chairmanships" element={<ChairmanshipsPage />} />
          <Route path="/meetings" element={<MeetingsPage />} />
          <Route path="/meetings/:id" element={<MeetingPage />} />
          <Route path="/documents" element={<DocumentsPage />} />
          <Route path="/documents/:key" element={<DocumentPage />} />
          <Route path="/documents/:key/text" element={<TextPage />} /><Route path="/documents/:key/text/print" element={<PrintTextPage />} />
          <Route path="/decisions" element={<DecisionsPage />} />
          <Route path="/sign-in" element={<SignInPage />} />
          <Route path="/workspace" element={<WorkspacePage />} />
          <Route path="/drafts/:id" element={<DraftPage />} />
          <Route path="/implementation" element={<ImplementationPage />} />
          <Route path="/plans/:id" element={<PlanPage />} />
          <Route path="/review/:meeting" element={<ReviewPage />} />
          <Route path="/single-list" element={<SingleListPage />} />
          <Route path="/single-list/:id" element={<SingleListEntityPage />} />
          <Route path="/settlement" element={<SettlementPage />} /><Route path="/settlement/cycles/:id" element={<SettlementCyclePage />} /><Route path="/settlement/participants/:id" element={<SettlementParticipantPage />} />
          <Route path="/economy" element={<EconomyPage />} />
          <Route path="/economy/projects" element={<ProjectsPage />} />
          <Route path="/economy/projects/:id" element={<ProjectPage />} />
          <Route path="/economy/corridors" element={<CorridorsPage />} />
          <Route path="/economy/complementarity" element={<ComplementarityPage />} />
          <Route path="/economy/corridors/:id" element={<CorridorPage />} />
          <Route path="/search" element={<SearchPage />} />
          <Route path="/depositary" element={<DepositaryPage />} />
          <Route path="/depositary/:key" element={<TreatyStatusPage />} />
          <Route path="/organ-activity" element={<OrganActivityPage />} />
          <Route path="/commitments" element={<CommitmentsPage />} />
          <Route path="/infosec" element={<InfosecPage />} />
          <Route path="/infosec/incidents" element={<IncidentsPage />} />
          <Route path="/infosec/exercises" element={<ExercisesPage />} />
          <Route path="/infosec/sharing-groups" element={<SharingGroupsPage />} />
          <Route path="/audit" element={<AuditPage />} />
          <Route path="/relations" element={<RelationsPage />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </main>
      <footer><a href="/api/v1/openapi.json">API (OpenAPI 3.1)</a></footer>
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <Layout />
    </BrowserRouter>
  </StrictMode>,
);
