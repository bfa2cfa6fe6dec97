import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['kk', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'qualcert.language';

/** The saved choice, else the browser's first language we speak, else Kazakh. */
export function initialLanguage(): Language {
  const saved = safeStorage()?.getItem(STORAGE_KEY);
  if (isLanguage(saved)) return saved;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'kk';
}

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Keys asked for but missing: the browser tests read this and fail on any. */
export const missingKeys = new Set<string>();
declare global {
  interface Window {
    __missingTranslationKeys?: Set<string>;
  }
}
window.__missingTranslationKeys = missingKeys;

// Each language's words are a chunk of their own, fetched when chosen: a page carries one language, not three.
const WORDS: Record<Language, () => Promise<{ default: Record<string, unknown> }>> = {
  kk: () => import('./kk.json'),
  ru: () => import('./ru.json'),
  en: () => import('./en.json'),
};

async function loadWords(language: Language): Promise<void> {
  if (i18n.hasResourceBundle(language, 'translation')) return;
  const { default: words } = await WORDS[language]();
  i18n.addResourceBundle(language, 'translation', words, true, true);
}

/** Switches the page's language once its words have arrived, so no key is ever shown raw. */
export async function switchLanguage(language: Language): Promise<void> {
  await loadWords(language);
  await i18n.changeLanguage(language);
}

const language = initialLanguage();
void i18n.use(initReactI18next).init({
  resources: {},
  partialBundledLanguages: true,
  lng: language,
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  saveMissing: true,
  missingKeyHandler: (languages, _namespace, key) => {
    missingKeys.add(`${languages.join(',')}:${key}`);
  },
});

/** Resolves when the first language's words are in: the app renders after it. */
export const i18nReady: Promise<void> = loadWords(language);

document.documentElement.lang = i18n.language;
i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
  safeStorage()?.setItem(STORAGE_KEY, language);
});

export default i18n;
