import type { EntityManager } from 'typeorm';
import { preparedQueryIn } from '@qualcert/shared';
import type { CertificateEntity } from './certificate.entity';
import { IssuanceRepository } from './issuance.repository';

jest.mock('@qualcert/shared', () => ({
  ...jest.requireActual<object>('@qualcert/shared'),
  preparedQueryIn: jest.fn(),
}));
const prepared = preparedQueryIn as jest.MockedFunction<typeof preparedQueryIn>;

describe(IssuanceRepository.name, () => {
  const manager = {} as EntityManager;
  const repository = new IssuanceRepository();

  beforeEach(() => prepared.mockReset());

  it('takes the number only while the decision has no certificate, in the one statement that takes it', async () => {
    prepared.mockResolvedValue([{ issued_id: null, last: 7 }]);
    await expect(repository.takeNumber(manager, 'decision', 'centre', 2026)).resolves.toEqual({
      issuedId: null,
      last: 7,
    });
    expect(prepared).toHaveBeenCalledWith(
      manager,
      'certificate_issue_take_number',
      expect.stringMatching(
        /WITH issued AS \(SELECT id FROM certificate WHERE decision_id = \$1::uuid\)[\s\S]*WHERE NOT EXISTS \(SELECT 1 FROM issued\)[\s\S]*ON CONFLICT \(centre_id, year\) DO UPDATE SET last = certificate_sequence\.last \+ 1/,
      ),
      ['decision', 'centre', 2026],
    );
  });

  it('answers with the certificate already issued on the decision, and no number, when there is one', async () => {
    prepared.mockResolvedValue([{ issued_id: 'certificate', last: null }]);
    await expect(repository.takeNumber(manager, 'decision', 'centre', 2026)).resolves.toEqual({
      issuedId: 'certificate',
      last: null,
    });
  });

  it('locks the decision and reads the certificate issued on it in one statement', async () => {
    prepared.mockResolvedValue([]);
    await expect(repository.lockDecision(manager, 'decision')).resolves.toBeNull();
    expect(prepared).toHaveBeenCalledWith(
      manager,
      'certificate_issue_lock_decision',
      expect.stringMatching(/LEFT JOIN certificate c ON c\.decision_id = d\.id[\s\S]*FOR UPDATE OF d$/),
      ['decision'],
    );
  });

  it('writes every column of the row in one statement, the JSON columns as their text', async () => {
    prepared.mockResolvedValue([]);
    const createdAt = new Date('2026-12-05T10:00:00Z');
    const row: CertificateEntity = {
      id: 'id',
      number: 'C1-2026-000001',
      verificationCode: '7K3QMZ9XA4',
      decisionId: 'decision',
      applicationId: 'application',
      holderId: 'holder',
      centreId: 'centre',
      cardId: 'card',
      holderName: 'Holder',
      maskedIin: '9001****1234',
      issuedOn: '2026-12-05',
      validUntil: '2031-12-05',
      validityMonths: 60,
      status: 'valid',
      revokedAt: null,
      revokeReason: null,
      contents: { signedBy: 'Signer' } as CertificateEntity['contents'],
      credential: { id: 'urn:uuid:id' },
      statusList: 0,
      statusIndex: 3,
      pdfKey: 'certificates/decision-7k3qmz9xa4',
      createdAt,
    };
    await repository.insert(manager, row);
    const [, name, text, values] = prepared.mock.calls[0];
    expect(name).toBe('certificate_issue_insert');
    const columns = /\(([^)]*)\)\s*VALUES/
      .exec(text)![1]
      .split(',')
      .map((c) => c.trim());
    expect(columns).toEqual([
      'id',
      'number',
      'verification_code',
      'decision_id',
      'application_id',
      'holder_id',
      'centre_id',
      'card_id',
      'holder_name',
      'masked_iin',
      'issued_on',
      'valid_until',
      'validity_months',
      'status',
      'revoked_at',
      'revoke_reason',
      'contents',
      'credential',
      'status_list',
      'status_index',
      'pdf_key',
      'created_at',
    ]);
    expect(values).toEqual([
      'id',
      'C1-2026-000001',
      '7K3QMZ9XA4',
      'decision',
      'application',
      'holder',
      'centre',
      'card',
      'Holder',
      '9001****1234',
      '2026-12-05',
      '2031-12-05',
      60,
      'valid',
      null,
      null,
      '{"signedBy":"Signer"}',
      '{"id":"urn:uuid:id"}',
      0,
      3,
      'certificates/decision-7k3qmz9xa4',
      createdAt,
    ]);
  });
});
