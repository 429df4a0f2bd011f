import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Problem } from '../lib/api.ts';
import { usePageTitle } from '../lib/page.ts';

/** Loading, error and not-found states shared by every page. */
export function Loading() {
  const { t } = useTranslation();
  return <p role="status" aria-live="polite">{t('common.loading')}</p>;
}

/** A failed load: 404 as a not-found page, a dead server as such, else the problem's detail. */
export function LoadError({ error, status }: { error: string; status?: number }) {
  const { t } = useTranslation();
  if (status === 404) return <NotFound />;
  return <p className="error" role="alert">{status === undefined || status >= 500 ? t('ref.apiDown') : `${t('common.error')}: ${error}`}</p>;
}

export function NotFound() {
  const { t } = useTranslation();
  usePageTitle(t('ref.notFound'));
  return (
    <section>
      <h1>{t('ref.notFound')}</h1>
      <p>{t('ref.notFoundText')}</p>
      <p><Link to="/">{t('ref.home')}</Link></p>
    </section>
  );
}

export function Empty() {
  const { t } = useTranslation();
  return <p className="empty">{t('ref.empty')}</p>;
}

export { Problem };

/** A page that needs a signed-in user, shown to a visitor: its title and a link to sign in. */
export function SignInNeeded({ title }: { title: string }) {
  const { t } = useTranslation();
  usePageTitle(title);
  return (
    <section>
      <h1>{title}</h1>
      <p><Link to="/sign-in">{t('ws.signIn')}</Link></p>
    </section>
  );
}
