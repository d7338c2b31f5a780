import { createContext, type ReactNode, useContext } from 'react';
import type { AuthState } from './auth-state';

const AuthStateContext = createContext<AuthState | null>(null);

export function AuthStateProvider({ state, children }: { state: AuthState; children: ReactNode }) {
  return <AuthStateContext.Provider value={state}>{children}</AuthStateContext.Provider>;
}

export function useAuthState(): AuthState {
  const state = useContext(AuthStateContext);
  if (!state) throw new Error('useAuthState: no <AuthStateProvider> above');
  return state;
}
