import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, NavLink, Route, Routes } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { LANGS, setLanguage, type Lang } from './lib/i18n.ts';
import { MapPage } from './routes/MapPage.tsx';
import { StatePage } from './routes/StatePage.tsx';
import { OrgansPage } from './routes/OrgansPage.tsx';
import { ChairmanshipsPage } from './routes/ChairmanshipsPage.tsx';
import { MeetingPage, MeetingsPage } from './routes/MeetingsPage.tsx';
import { DocumentPage, DocumentsPage } from './routes/DocumentsPage.tsx';
import './styles.css';

function Layout() {
  const { t, i18n } = useTranslation();
  return (
    <>
      <header>
        <div className="brand"><strong>{t('app')}</strong> <span>{t('tagline')}</span></div>
        <nav>
          <NavLink to="/" end>{t('nav.map')}</NavLink>
          <NavLink to="/organs">{t('nav.organs')}</NavLink>
          <NavLink to="/chairmanships">{t('nav.chairs')}</NavLink>
          <NavLink to="/meetings">{t('nav.meetings')}</NavLink>
          <NavLink to="/documents">{t('nav.documents')}</NavLink>
        </nav>
        <select aria-label="language" data-testid="language" value={i18n.resolvedLanguage} onChange={(e) => setLanguage(e.target.value as Lang)}>
          {LANGS.map((l) => <option key={l.id} value={l.id}>{l.label}</option>)}
        </select>
      </header>
      <main>
        <Routes>
          <Route path="/" element={<MapPage />} />
          <Route path="/states/:iso2" element={<StatePage />} />
          <Route path="/organs" element={<OrgansPage />} />
          <Route path="/chairmanships" element={<ChairmanshipsPage />} />
          <Route path="/meetings" element={<MeetingsPage />} />
          <Route path="/meetings/:id" element={<MeetingPage />} />
          <Route path="/documents" element={<DocumentsPage />} />
          <Route path="/documents/:key" element={<DocumentPage />} />
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
