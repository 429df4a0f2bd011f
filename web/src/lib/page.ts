/** Page-level helpers: the document title of each page. */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the browser tab's title to "<title> — Secretariat" (in the chosen language) while the page is shown. */
export function usePageTitle(title: string | null | undefined): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = title ? `${title} — ${t('app')}` : t('app');
  }, [title, t]);
}
