import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/600.css';
import './styles.css';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { ApiProvider } from './api/api-context';
import { API_BASE_PATH, createApiClient } from './api/client';
import { createQueryClient } from './api/query-client';
import { AuthStateProvider } from './auth/auth-context';
import { createAuthState } from './auth/auth-state';
import { createI18n, initialLanguage } from './i18n/i18n';
import { configureMapLibre } from './map/maplibre-setup';
import { themeCssVariables } from './theme/theme';

function start(rootElement: HTMLElement) {
  configureMapLibre();
  for (const [name, value] of Object.entries(themeCssVariables())) {
    document.documentElement.style.setProperty(name, value);
  }
  const language = initialLanguage(window.location.search, window.localStorage);
  document.documentElement.lang = language;
  const i18n = createI18n(language);
  const queryClient = createQueryClient();
  const auth = createAuthState();
  const api = createApiClient(new URL(API_BASE_PATH, window.location.origin).toString(), auth);

  createRoot(rootElement).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={queryClient}>
          <ApiProvider client={api}>
            <AuthStateProvider state={auth}>
              <App />
            </AuthStateProvider>
          </ApiProvider>
        </QueryClientProvider>
      </I18nextProvider>
    </StrictMode>,
  );
}

const root = document.getElementById('root');
if (root) start(root);
