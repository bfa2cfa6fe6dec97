import i18n from 'i18next';
import { useTranslation } from 'react-i18next';
import en from './i18n/en.json';
import kk from './i18n/kk.json';
import ru from './i18n/ru.json';

// The staff's words are their own namespace, loaded with the staff chunk: the public pages never carry them.
for (const [language, resources] of Object.entries({ kk, ru, en })) {
  i18n.addResourceBundle(language, 'staff', resources, true, true);
}

/** Staff pages look a key up in the staff namespace first, then in the portal's shared one. */
export function useStaffT() {
  return useTranslation(['staff', 'translation'], { nsMode: 'fallback' });
}
