import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import sv from '../shared/i18n/sv.json';
import en from '../shared/i18n/en.json';

export type Language = 'sv' | 'en';
const storageKey = 'inkludera.language';

function storedLanguage(): Language {
  try {
    return localStorage.getItem(storageKey) === 'en' ? 'en' : 'sv';
  } catch {
    return 'sv';
  }
}

void i18n.use(initReactI18next).init({
  resources: { sv: { translation: sv }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'sv',
  interpolation: { escapeValue: false },
  returnNull: false,
});

function applyLanguage(language: string) {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}
applyLanguage(i18n.language);
i18n.on('languageChanged', applyLanguage);

/** Switch language and remember it in this browser (the server remembers it per user too). */
export async function setLanguage(language: Language) {
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // private mode: the choice lasts for this page only
  }
  await i18n.changeLanguage(language);
}

export const currentLanguage = (): Language => (i18n.language === 'en' ? 'en' : 'sv');

export default i18n;
