import { renderMessage, type Language } from '@qualcert/shared';
import { NOTIFICATION_KINDS, type NotificationKind } from '../notifications/notification-kinds';

/** The languages of a notification e-mail, in the order it says things: Kazakh, then Russian. */
export const EMAIL_LANGUAGES = ['kk', 'ru'] as const satisfies readonly Language[];

const GREETING: Record<(typeof EMAIL_LANGUAGES)[number], { hello: string; more: string; why: string }> = {
  kk: {
    hello: 'Сәлеметсіз бе!',
    more: 'Толығырақ',
    why: 'Бұл хат qualcert жүйесіндегі өтінішіңіз бойынша жіберілді.',
  },
  ru: {
    hello: 'Здравствуйте!',
    more: 'Подробнее',
    why: 'Это письмо отправлено по вашему заявлению в системе qualcert.',
  },
};

export interface NotificationEmail {
  subject: string;
  text: string;
}

/**
 * The e-mail of one notification: its title in Kazakh and Russian (the catalogue's
 * `notification:<kind>`), and where to read the rest — the application's page in the cabinet for a
 * candidate, in the staff pages for a centre's manager. Plain text: it reads the same in every mail
 * client and carries no remote content.
 */
export function composeNotificationEmail(
  kind: NotificationKind,
  applicationId: string,
  publicBaseUrl: string,
): NotificationEmail {
  const base = publicBaseUrl.replace(/\/+$/, '');
  const path =
    NOTIFICATION_KINDS[kind].audience === 'candidate'
      ? `/cabinet/applications/${applicationId}`
      : `/staff/applications/${applicationId}`;
  const titles = EMAIL_LANGUAGES.map((language) => renderMessage(language, `notification:${kind}`));
  const parts = EMAIL_LANGUAGES.map((language, i) => {
    const words = GREETING[language];
    return [words.hello, '', `${titles[i]}.`, `${words.more}: ${base}${path}`, '', words.why].join('\n');
  });
  return { subject: `qualcert: ${titles.join(' / ')}`, text: `${parts.join('\n\n— — —\n\n')}\n` };
}
