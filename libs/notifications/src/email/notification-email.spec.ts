import { NOTIFICATION_KINDS, type NotificationKind } from '../notifications/notification-kinds';
import { composeNotificationEmail } from './notification-email';

describe('composeNotificationEmail', () => {
  it('titles the e-mail in Kazakh and Russian, and says both in the body', () => {
    const email = composeNotificationEmail('certificate.issued', 'a1', 'https://qualcert.kz');
    expect(email.subject).toMatch(/^qualcert: .+ \/ .+$/);
    const [kk, ru] = email.text.split('— — —');
    expect(kk).toContain('Сәлеметсіз бе!');
    expect(ru).toContain('Здравствуйте!');
  });

  it.each(Object.keys(NOTIFICATION_KINDS) as NotificationKind[])(
    'links %s to the page its recipient reads the application on',
    (kind) => {
      const { text } = composeNotificationEmail(kind, 'a1', 'https://qualcert.kz/');
      const page =
        NOTIFICATION_KINDS[kind].audience === 'candidate' ? '/cabinet/applications/a1' : '/staff/applications/a1';
      expect(text).toContain(`https://qualcert.kz${page}`);
      expect(text).not.toContain('kz//');
    },
  );
});
