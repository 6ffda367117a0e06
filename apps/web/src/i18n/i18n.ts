import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Language } from '../format/format';
import { en } from './en';
import { vi } from './vi';

const STORAGE_KEY = 'dvc.language';

export function initialLanguage(stored: string | null): Language {
  return stored === 'en' ? 'en' : 'vi';
}

void i18next.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: initialLanguage(typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY)),
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
});

export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}

/** The translation function and the language the figures are formatted in. */
export function useLanguage(): { t: ReturnType<typeof useTranslation>['t']; language: Language } {
  const { t, i18n } = useTranslation();
  return { t, language: initialLanguage(i18n.language) };
}
