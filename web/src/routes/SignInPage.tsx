import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { forgetCsrf } from '../lib/api.ts';
import { usePageTitle } from '../lib/page.ts';

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  usePageTitle(t('ws.signIn'));
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const res = await fetch('/api/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: form.get('email'), password: form.get('password') }) });
    const body = await res.json().catch(() => ({ detail: res.statusText }));
    if (!res.ok) return setError(body.detail);
    forgetCsrf();
    navigate('/workspace');
    window.location.reload();
  };
  return (
    <section className="narrow">
      <h1>{t('ws.signIn')}</h1>
      <form onSubmit={submit} className="stack">
        <label>{t('ws.email')} <input name="email" type="email" autoComplete="username" required /></label>
        <label>{t('ws.password')} <input name="password" type="password" autoComplete="current-password" required /></label>
        <button type="submit">{t('ws.signIn')}</button>
        {error ? <p className="error" role="alert">{error}</p> : null}
      </form>
    </section>
  );
}
