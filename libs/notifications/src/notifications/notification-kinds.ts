import { isMessageCode, renderMessage, type MessageComposer } from '@qualcert/shared';

/**
 * Who hears of each workflow event, and what they are told. The kind is the stable code: the
 * title is the catalogue's `notification:<kind>` (kk, ru, en), rendered in the reader's language
 * when a notification is read (NOTIFICATION_COMPOSER); the stored title is the English one.
 */
export type NotificationAudience = 'candidate' | 'centre_managers';

export const NOTIFICATION_KINDS = {
  'decision.approved': { audience: 'candidate' },
  'certificate.issued': { audience: 'candidate' },
  'certificate.revoked': { audience: 'candidate' },
  'appeal.lodged': { audience: 'centre_managers' },
  'appeal.upheld': { audience: 'candidate' },
  'appeal.admitted': { audience: 'candidate' },
  'appeal.sustained': { audience: 'candidate' },
  'appeal.reassessment': { audience: 'candidate' },
  'appeal.resolved': { audience: 'candidate' },
} as const satisfies Record<string, { audience: NotificationAudience }>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

export function isNotificationKind(kind: unknown): kind is NotificationKind {
  return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(NOTIFICATION_KINDS, kind);
}

/** A notification's title in the language of whoever reads it. */
export const NOTIFICATION_COMPOSER: MessageComposer = {
  matches: (value) =>
    typeof value.kind === 'string' &&
    typeof value.title === 'string' &&
    typeof value.subjectId === 'string' &&
    isMessageCode(`notification:${value.kind}`),
  compose: (value, language) => {
    const code = `notification:${String(value.kind)}`;
    return isMessageCode(code) ? { ...value, title: renderMessage(language, code) } : value;
  },
};

/** The title stored with a notification: the English one (it is rendered again when read). */
export function notificationTitle(kind: NotificationKind): string {
  const code = `notification:${kind}` as const;
  return isMessageCode(code) ? renderMessage('en', code) : kind;
}
