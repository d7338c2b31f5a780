import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHealth } from '../api/health';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { loginErrorKey, useLogin } from './session';

/** The login form shown to anyone without a session. */
export function LoginPage() {
  const { t } = useTranslation();
  const health = useHealth();
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ username: username.trim(), password });
  };
  return (
    <main className="gs-login">
      <div className="gs-login__lang">
        <LanguageSwitch />
      </div>
      <form className="gs-login__card" onSubmit={submit} aria-labelledby="gs-login-title">
        <div className="gs-brand gs-login__brand">
          <span className="gs-brand__mark" aria-hidden="true" />
          <span className="gs-brand__title">{t('app.title')}</span>
        </div>
        <h1 id="gs-login-title" className="gs-login__title">
          {t('auth.title')}
        </h1>
        {health.data && <p className="gs-login__district">{health.data.district.name}</p>}
        <label className="gs-login__field">
          <span>{t('auth.username')}</span>
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </label>
        <label className="gs-login__field">
          <span>{t('auth.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {login.isError && (
          <p className="gs-login__error" role="alert">
            {t(loginErrorKey(login.error))}
          </p>
        )}
        <button type="submit" className="gs-login__submit" disabled={login.isPending}>
          {login.isPending ? t('auth.signingIn') : t('auth.signIn')}
        </button>
        <p className="gs-login__hint">{t('auth.hint')}</p>
      </form>
    </main>
  );
}
