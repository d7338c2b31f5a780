import type { authZhCN } from './auth.zh-CN';

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };

/** Login, logout and roles (English), same keys as the Chinese ones. */
export const authEn: DeepStrings<typeof authZhCN> = {
  title: 'Sign in',
  username: 'Username',
  password: 'Password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  hint: 'Accounts are issued by the administrator. Forgot your password? Ask them to reset it.',
  wrongPassword: 'Wrong username or password, or the account is disabled. Check and try again.',
  tooMany:
    'Too many failed sign-ins. Try again in 15 minutes, or ask the administrator to reset the password.',
  failed: 'Sign-in failed. Try again later.',
  logout: 'Sign out',
  wholeDistrict: 'Whole district',
  scopeTitle: 'Scope: {{scope}}',
  checking: 'Checking your session…',
  adminTitle: 'Account management',
  adminHint:
    'Administrators manage accounts and read the audit log: create and disable accounts and reset passwords with /api/users, read the log at /api/audit.',
  roles: {
    leader: 'Leader',
    planner: 'Planner',
    dispatcher: 'Dispatcher',
    worker: 'Grid worker',
    admin: 'Administrator',
  },
};
