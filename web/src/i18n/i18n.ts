import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json' with { type: 'json' };
import zhCN from './zh-CN.json' with { type: 'json' };
import { serverTextResources } from './server-texts.js';

export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
const STORAGE_KEY = 'heatfleet.lang';

export const storedLang = (): Lang => {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
};

export const rememberLang = (lang: Lang): void => {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
};

/** Chinese first; English on request, remembered in localStorage. */
export const initI18n = async (): Promise<typeof i18next> => {
  await i18next.use(initReactI18next).init({
    // Texts the server composes (warnings, causes, alarms …) come as code + params; their wording is loaded
    // under `srv` from the catalogues in src/contract/texts (docs/i18n.md).
    resources: { 'zh-CN': { translation: { ...zhCN, srv: serverTextResources('zh-CN') } }, en: { translation: { ...en, srv: serverTextResources('en') } } },
    lng: storedLang(),
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
  return i18next;
};
