import { useTranslation } from 'react-i18next';

/** What an admin sees: the admin manages accounts and reads the audit log, not the situation. */
export function AdminHome() {
  const { t } = useTranslation();
  return (
    <main className="gs-admin">
      <h1>{t('auth.adminTitle')}</h1>
      <p>{t('auth.adminHint')}</p>
    </main>
  );
}
