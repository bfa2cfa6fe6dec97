import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { isNotificationKind, NOTIFICATION_KINDS, notificationTitle, type NotificationKind } from './notification-kinds';
import { NotificationsService } from './notifications.service';

/** Every `kind` published with a `notification.requested` event anywhere in the libraries. */
function publishedKinds(dir: string): string[] {
  const kinds: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) kinds.push(...publishedKinds(path));
    else if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) {
      const text = readFileSync(path, 'utf8');
      for (const match of text.matchAll(/'notification\.requested',\s*\{\s*kind:\s*([^,]+),/g)) {
        kinds.push(...[...match[1].matchAll(/'([a-z_.]+)'|`appeal\.\$\{status\}`/g)].map((m) => m[1] ?? 'appeal.*'));
      }
    }
  }
  return kinds;
}

describe('notifications', () => {
  it('knows every kind the workflows publish', () => {
    const kinds = publishedKinds(join(__dirname, '..', '..', '..'));
    expect(kinds.length).toBeGreaterThan(4);
    for (const kind of kinds.filter((k) => k !== 'appeal.*')) expect(isNotificationKind(kind)).toBe(true);
    // The appeal's statuses after a hearing, published as `appeal.${status}`.
    for (const status of ['upheld', 'reassessment']) expect(isNotificationKind(`appeal.${status}`)).toBe(true);
  });

  it('fails the job on an unknown kind, before reading anything', async () => {
    const query = jest.fn();
    const sut = new NotificationsService({ query } as unknown as DataSource);
    await expect(
      sut.notify({ kind: 'nonsense', subjectId: 'x', applicationId: 'y', outboxEventId: '1' }),
    ).rejects.toThrow('Unknown notification kind nonsense');
    expect(query).not.toHaveBeenCalled();
  });

  it('addresses every kind to the candidate or the centre’s managers, with a title', () => {
    for (const [kind, { audience }] of Object.entries(NOTIFICATION_KINDS)) {
      expect(['candidate', 'centre_managers']).toContain(audience);
      expect(notificationTitle(kind as NotificationKind).length).toBeGreaterThan(10);
    }
  });
});
