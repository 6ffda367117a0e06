import { useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { postJson } from '../api/client';
import { useLanguage } from '../i18n/i18n';

/** The access module's session: POST /v1/auth/login sets an httpOnly cookie, then /v1/auth/me answers. */
export function Login() {
  const { t } = useLanguage();
  const client = useQueryClient();
  const [failed, setFailed] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      await postJson('/v1/auth/login', { username: form.get('username'), password: form.get('password') });
      setFailed(false);
      await client.invalidateQueries();
    } catch {
      setFailed(true);
    }
  };
  return (
    <form className="login" onSubmit={(event) => void submit(event)} aria-label={t('login.title')}>
      <h1>{t('login.title')}</h1>
      <label>
        {t('login.username')}
        <input name="username" autoComplete="username" required />
      </label>
      <label>
        {t('login.password')}
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {failed ? (
        <p className="error" role="alert">
          {t('login.failed')}
        </p>
      ) : null}
      <button type="submit">{t('login.submit')}</button>
    </form>
  );
}
