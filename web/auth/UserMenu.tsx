import { useTranslation } from 'react-i18next';
import type { Principal } from '../../server/auth/principal';
import { useLogout } from './session';

/** Who is logged in (name, role, scope) and the logout button, in the header. */
export function UserMenu({ principal }: { principal: Principal }) {
  const { t } = useTranslation();
  const logout = useLogout();
  const scope = principal.scopeCode ?? t('auth.wholeDistrict');
  return (
    <div className="gs-user" data-role={principal.role}>
      <span className="gs-user__name">{principal.displayName}</span>
      <span className="gs-user__role" title={t('auth.scopeTitle', { scope })}>
        {t(`auth.roles.${principal.role}`)} · {scope}
      </span>
      <button
        type="button"
        className="gs-user__logout"
        onClick={() => logout.mutate()}
        disabled={logout.isPending}
      >
        {t('auth.logout')}
      </button>
    </div>
  );
}
