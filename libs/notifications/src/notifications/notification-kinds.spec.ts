import {
  NOTIFICATION_COMPOSER,
  NOTIFICATION_KINDS,
  notificationTitle,
  type NotificationKind,
} from './notification-kinds';

describe('notification kinds', () => {
  it.each(Object.keys(NOTIFICATION_KINDS))('%s has a title in the catalogue', (kind) => {
    expect(notificationTitle(kind as NotificationKind)).not.toBe(kind);
  });

  it('renders a stored notification’s title in the reader’s language', () => {
    const stored = { id: 'n', kind: 'certificate.issued', subjectId: 's', title: 'Your certificate has been issued' };
    expect(NOTIFICATION_COMPOSER.matches(stored)).toBe(true);
    expect(NOTIFICATION_COMPOSER.compose(stored, 'kk').title).toBe('Сертификатыңыз берілді');
    expect(NOTIFICATION_COMPOSER.compose(stored, 'ru').title).toBe('Ваш сертификат выдан');
    expect(NOTIFICATION_COMPOSER.matches({ ...stored, kind: 'unknown.kind' })).toBe(false);
  });
});
