import { APPLICATION_STATUSES } from './application-state';
import { verdictRefusal } from './document-check-rule';

describe('verdictRefusal', () => {
  it.each([
    ['confirmed', true, null],
    ['rejected', true, null],
    ['rejected', false, null],
    ['confirmed', false, 'DOCUMENT_MISSING'],
  ] as const)('awaiting documents: %s, with a document %s → %s', (verdict, hasDocument, code) => {
    const refusal = verdictRefusal({ applicationStatus: 'awaiting_documents', hasDocument, verdict });
    expect(refusal?.code ?? null).toBe(code);
  });

  it('refuses every verdict on an application that is not awaiting its document check, naming its state', () => {
    for (const applicationStatus of APPLICATION_STATUSES.filter((s) => s !== 'awaiting_documents')) {
      for (const verdict of ['confirmed', 'rejected'] as const) {
        for (const hasDocument of [true, false]) {
          expect(verdictRefusal({ applicationStatus, hasDocument, verdict })).toMatchObject({
            code: 'DOCUMENT_CHECK_CLOSED',
            details: { currentStatus: applicationStatus },
          });
        }
      }
    }
  });

  it('names the field at fault when a document is missing', () => {
    expect(
      verdictRefusal({ applicationStatus: 'awaiting_documents', hasDocument: false, verdict: 'confirmed' }),
    ).toMatchObject({ details: { fields: [{ field: 'verdict' }] } });
  });
});
