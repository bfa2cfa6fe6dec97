import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { type AppConfig, OutboxService } from '@qualcert/shared';
import { automock } from '@qualcert/shared/testing';
import { isNotificationKind, NOTIFICATION_KINDS, notificationTitle, type NotificationKind } from './notification-kinds';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

/** The service with its repository and outbox mocked, and a transaction that runs at once. */
function newTestService(smtpUrl = '') {
  const manager = {} as EntityManager;
  const transaction = jest.fn((work: (m: EntityManager) => unknown) => work(manager));
  const mocks = {
    manager,
    transaction,
    repository: automock(NotificationsRepository),
    outbox: automock(OutboxService),
  };
  const sut = new NotificationsService(
    { transaction } as unknown as DataSource,
    mocks.repository,
    { SMTP_URL: smtpUrl } as AppConfig,
    mocks.outbox,
  );
  return { sut, mocks };
}

const payload = { kind: 'decision.approved', subjectId: 'decision', applicationId: 'application', outboxEventId: '7' };

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
    const { sut, mocks } = newTestService();
    const query = mocks.repository.recipients;
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

  it('addresses a candidate’s kind to the candidate and a centre’s kind to its managers', async () => {
    const { sut, mocks } = newTestService();
    mocks.repository.recipients.mockResolvedValue([]);
    await sut.notify(payload);
    await sut.notify({ ...payload, kind: 'appeal.lodged' });
    expect(mocks.repository.recipients.mock.calls).toEqual([
      ['candidate', 'application'],
      ['centre_managers', 'application'],
    ]);
  });

  it('tells nobody, and opens no transaction, when the application has no recipient', async () => {
    const { sut, mocks } = newTestService('smtp://mail');
    mocks.repository.recipients.mockResolvedValue([]);
    await expect(sut.notify(payload)).resolves.toBe(0);
    expect(mocks.transaction).not.toHaveBeenCalled();
  });

  it('writes one notification per recipient for the event, with the kind’s title', async () => {
    const { sut, mocks } = newTestService();
    mocks.repository.recipients.mockResolvedValue(['u1', 'u2']);
    mocks.repository.insertNew.mockResolvedValue(['n1', 'n2']);
    await expect(sut.notify(payload)).resolves.toBe(2);
    const [manager, rows] = mocks.repository.insertNew.mock.calls[0];
    expect(manager).toBe(mocks.manager);
    expect(rows).toEqual(
      ['u1', 'u2'].map((userId) =>
        expect.objectContaining({
          userId,
          eventId: '7',
          kind: 'decision.approved',
          subjectId: 'decision',
          applicationId: 'application',
          title: notificationTitle('decision.approved'),
          readAt: null,
          emailedAt: null,
        }),
      ),
    );
  });

  it('asks for an e-mail of each row the insert created, in its transaction, only when SMTP is set', async () => {
    const withSmtp = newTestService('smtp://mail');
    withSmtp.mocks.repository.recipients.mockResolvedValue(['u1', 'u2']);
    // A rerun of the job: one row was already there, so only the other is new.
    withSmtp.mocks.repository.insertNew.mockResolvedValue(['n2']);
    await expect(withSmtp.sut.notify(payload)).resolves.toBe(1);
    expect(withSmtp.mocks.outbox.publish.mock.calls).toEqual([
      [withSmtp.mocks.manager, 'notification.created', { notificationId: 'n2' }],
    ]);

    const withoutSmtp = newTestService('');
    withoutSmtp.mocks.repository.recipients.mockResolvedValue(['u1']);
    withoutSmtp.mocks.repository.insertNew.mockResolvedValue(['n1']);
    await withoutSmtp.sut.notify(payload);
    expect(withoutSmtp.mocks.outbox.publish).not.toHaveBeenCalled();
  });

  it('answers 404 for a notification that is not the reader’s', async () => {
    const { sut, mocks } = newTestService();
    mocks.repository.markRead.mockResolvedValue(null);
    await expect(sut.markRead({ userId: 'u1', role: 'candidate', centreIds: [] }, 'n9')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
