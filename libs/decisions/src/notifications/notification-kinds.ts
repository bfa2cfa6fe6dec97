/**
 * Who hears of each workflow event, and what they are told. The title is English; clients
 * localise by `kind`, which is stable.
 */
export type NotificationAudience = 'candidate' | 'centre_managers';

export const NOTIFICATION_KINDS = {
  'decision.approved': { audience: 'candidate', title: 'A decision on your application has been signed' },
  'certificate.issued': { audience: 'candidate', title: 'Your certificate has been issued' },
  'certificate.revoked': { audience: 'candidate', title: 'Your certificate has been revoked' },
  'appeal.lodged': { audience: 'centre_managers', title: 'An appeal has been lodged and needs a panel' },
  'appeal.upheld': { audience: 'candidate', title: 'The panel upheld what you appealed against' },
  'appeal.admitted': { audience: 'candidate', title: 'The panel admitted your application on appeal' },
  'appeal.sustained': { audience: 'candidate', title: 'The panel found your complaint well founded' },
  'appeal.reassessment': {
    audience: 'candidate',
    title: 'The panel ordered a re-assessment of the skills you contested',
  },
  'appeal.resolved': { audience: 'candidate', title: 'A new decision has been signed after your appeal' },
} as const satisfies Record<string, { audience: NotificationAudience; title: string }>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

export function isNotificationKind(kind: unknown): kind is NotificationKind {
  return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(NOTIFICATION_KINDS, kind);
}
