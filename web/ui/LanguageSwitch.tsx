import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'wouter';
import { LANGUAGE_STORAGE_KEY, LANGUAGES, type Language } from '../i18n/i18n';
import { URL_PARAMS } from '../views/routes';

/** zh-CN / en toggle. The choice is stored locally; a `?lang=` in the URL is kept in step. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const choose = (language: Language) => {
    void i18n.changeLanguage(language);
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
    document.documentElement.lang = language;
    if (params.has(URL_PARAMS.lang)) {
      setParams((p) => {
        p.set(URL_PARAMS.lang, language);
        return p;
      });
    }
  };
  return (
    <fieldset className="gs-lang" aria-label={t('language.label')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          className="gs-lang__option"
          aria-pressed={i18n.language === language}
          onClick={() => choose(language)}
        >
          {t(`language.${language}`)}
        </button>
      ))}
    </fieldset>
  );
}
