import type { DataSource } from 'typeorm';
import { type EnrolmentResults, ProgressService } from '@qualcert/assessment';
import { AccessService, type Actor } from '@qualcert/identity';
import { automock } from '@qualcert/shared/testing';
import { type CardOutline, CardOutlineReader } from '@qualcert/standards';
import { renderConclusionPdf } from '../pdf/conclusion-pdf';
import { type ProtocolPdfData, renderProtocolPdf } from '../pdf/protocol-pdf';
import { type ConclusionFacts, ResultDocumentsRepository, type SessionFacts } from './result-documents.repository';
import { ResultDocumentsService } from './result-documents.service';

jest.mock('../pdf/protocol-pdf', () => ({ renderProtocolPdf: jest.fn(() => Promise.resolve(Buffer.from('pdf'))) }));
jest.mock('../pdf/conclusion-pdf', () => ({
  ...jest.requireActual<object>('../pdf/conclusion-pdf'),
  renderConclusionPdf: jest.fn(() => Promise.resolve(Buffer.from('pdf'))),
}));
const protocolRendered = renderProtocolPdf as jest.MockedFunction<typeof renderProtocolPdf>;
const conclusionRendered = renderConclusionPdf as jest.MockedFunction<typeof renderConclusionPdf>;

const CANDIDATE: Actor = { userId: 'cand', role: 'candidate', centreIds: [] };
const ASSESSOR: Actor = { userId: 'assessor', role: 'assessor', centreIds: ['c1'] };
const MANAGER: Actor = { userId: 'manager', role: 'centre_manager', centreIds: ['c1'] };

const session: SessionFacts = {
  id: 'a1b2c3d4-0000-4000-8000-000000000000',
  centre_id: 'c1',
  starts_at: new Date('2026-03-02T09:00:00Z'),
  ends_at: new Date('2026-03-02T12:30:00Z'),
  place: 'Room 1',
  program_version: 2,
  pass_mark_percent: 70,
  skill_floor_percent: 50,
  card_id: 'card',
  card_name: 'Welder',
  occupation_code: '7212',
  ork_level: 4,
  centre_name: 'Centre',
  centre_code: 'C-1',
};

const decision = (overrides: Partial<ConclusionFacts> = {}): ConclusionFacts => ({
  id: 'd1',
  application_id: 'app',
  card_id: 'card',
  status: 'approved',
  outcome: 'partial',
  result: { reasoning: [] } as unknown as ConclusionFacts['result'],
  signed_at: new Date('2026-03-10T10:00:00Z'),
  certificate_validity_months: 60,
  credit_validity_months: 24,
  appeal_window_days: 30,
  retake_wait_days: 90,
  candidate_name: 'Candidate',
  iin: '900101300123',
  card_name: 'Welder',
  occupation_code: null,
  ork_level: 4,
  standard_title: 'Standard',
  centre_name: 'Centre',
  centre_code: 'C-1',
  signer_name: 'Manager',
  ...overrides,
});

const outline: CardOutline = {
  cardId: 'card',
  functions: [
    {
      id: 'f1',
      kind: 'mandatory',
      number: 1,
      title: 'Function',
      skills: ['s1', 's2'].map((id, i) => ({
        id,
        functionId: 'f1',
        number: i + 1,
        label: `1.${i + 1}`,
        title: `Skill ${i + 1}`,
        recognition: 'recommended' as const,
        abilities: [],
        knowledge: [],
      })),
    },
  ],
};

const results = (statuses: Record<string, string>): EnrolmentResults =>
  ({
    enrolmentId: 'e',
    overallShare: 0.8,
    skills: Object.entries(statuses).map(([skillId, status]) => ({ skillId, status, verdicts: [] })),
  }) as unknown as EnrolmentResults;

/** The service with its repository and collaborators mocked. */
function newTestService() {
  const mocks = {
    repository: automock(ResultDocumentsRepository),
    access: automock(AccessService),
    progress: automock(ProgressService),
    outlines: automock(CardOutlineReader),
  };
  const sut = new ResultDocumentsService(
    { manager: {} } as unknown as DataSource,
    mocks.repository,
    mocks.access,
    mocks.progress,
    mocks.outlines,
  );
  mocks.outlines.read.mockResolvedValue(outline);
  mocks.repository.sessionFacts.mockResolvedValue(session);
  mocks.repository.assessorsOf.mockResolvedValue([]);
  mocks.repository.enrolmentsOf.mockResolvedValue([]);
  mocks.access.checkAccess.mockResolvedValue(new Set());
  return { sut, mocks };
}

const protocolData = (): ProtocolPdfData => protocolRendered.mock.calls.at(-1)![0];

describe(ResultDocumentsService.name, () => {
  beforeEach(() => {
    protocolRendered.mockClear();
    conclusionRendered.mockClear();
  });

  describe('protocol: who reaches what', () => {
    it('gives a candidate enrolled in the session the extract of their own row only', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.isEnrolled.mockResolvedValue(true);
      const doc = await sut.protocol(CANDIDATE, session.id);
      expect(mocks.repository.enrolmentsOf).toHaveBeenCalledWith(session.id, 'cand');
      expect(protocolData().extract).toBe(true);
      expect(doc.filename).toBe('protocol-a1b2c3d4-extract.pdf');
    });

    it('gives an assessor who sits on the session the whole protocol', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.sitsOn.mockResolvedValue(true);
      const doc = await sut.protocol(ASSESSOR, session.id);
      expect(mocks.repository.enrolmentsOf).toHaveBeenCalledWith(session.id, null);
      expect(doc.filename).toBe('protocol-a1b2c3d4.pdf');
    });

    it('gives the centre’s manager the whole protocol', async () => {
      const { sut, mocks } = newTestService();
      mocks.access.checkAccess.mockResolvedValue(new Set(['c1']));
      await sut.protocol(MANAGER, session.id);
      expect(mocks.repository.enrolmentsOf).toHaveBeenCalledWith(session.id, null);
      expect(protocolData().extract).toBe(false);
    });

    it.each([
      ['a candidate not enrolled in it', CANDIDATE],
      ['an assessor who does not sit on it', ASSESSOR],
      ['a manager of another centre', MANAGER],
    ])('answers 404 to %s', async (_who, actor) => {
      const { sut, mocks } = newTestService();
      mocks.repository.isEnrolled.mockResolvedValue(false);
      mocks.repository.sitsOn.mockResolvedValue(false);
      await expect(sut.protocol(actor, session.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(protocolRendered).not.toHaveBeenCalled();
    });

    it('answers 404 for a session that does not exist', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.sessionFacts.mockResolvedValue(undefined);
      await expect(sut.protocol(MANAGER, session.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe('protocol: a candidate’s outcome', () => {
    it.each([
      ['pending while any examined skill is pending', { s1: 'passed', s2: 'pending' }, 'pending'],
      ['passed when every examined skill passed', { s1: 'passed', s2: 'passed' }, 'passed'],
      ['failed when a skill failed and none is pending', { s1: 'passed', s2: 'failed' }, 'failed'],
      ['judged on the examined skills only', { s2: 'passed' }, 'passed'],
    ])('is %s', async (_name, statuses, outcome) => {
      const { sut, mocks } = newTestService();
      mocks.access.checkAccess.mockResolvedValue(new Set(['c1']));
      mocks.repository.enrolmentsOf.mockResolvedValue([{ id: 'e', full_name: 'Candidate', iin: null, score: null }]);
      mocks.progress.enrolmentResults.mockResolvedValue(results(statuses));
      await sut.protocol(MANAGER, session.id);
      const [candidate] = protocolData().candidates;
      expect(candidate.outcome).toBe(outcome);
      expect(candidate.skills.map((s) => s.number)).toEqual(Object.keys(statuses).map((id) => `1.${id.slice(1)}`));
    });

    it('prints a session within one day as its times, and one across days with its dates', async () => {
      const { sut, mocks } = newTestService();
      mocks.access.checkAccess.mockResolvedValue(new Set(['c1']));
      await sut.protocol(MANAGER, session.id);
      expect(protocolData().window).toBe('09:00–12:30');
      mocks.repository.sessionFacts.mockResolvedValue({ ...session, ends_at: new Date('2026-03-03T08:05:00Z') });
      await sut.protocol(MANAGER, session.id);
      expect(protocolData().window).toBe('02.03.2026 09:00 – 03.03.2026 08:05');
    });
  });

  describe('conclusion', () => {
    it('answers 404 to someone who may not read the application', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.conclusionFacts.mockResolvedValue(decision());
      await expect(sut.conclusion(CANDIDATE, 'd1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it.each([
      ['an awarding decision (it has a certificate)', { outcome: 'awarded' as const }],
      ['a decision not signed yet', { status: 'draft', signed_at: null }],
      ['a decision without an appeal window', { appeal_window_days: null }],
    ])('is not available (409 DOCUMENT_NOT_AVAILABLE) for %s', async (_name, overrides) => {
      const { sut, mocks } = newTestService();
      mocks.access.checkAccess.mockResolvedValue(new Set(['app']));
      mocks.repository.conclusionFacts.mockResolvedValue(decision(overrides));
      await expect(sut.conclusion(MANAGER, 'd1')).rejects.toMatchObject({ code: 'DOCUMENT_NOT_AVAILABLE' });
      expect(conclusionRendered).not.toHaveBeenCalled();
    });

    it.each(['approved', 'superseded'])('is rendered for a signed decision that is %s', async (status) => {
      const { sut, mocks } = newTestService();
      mocks.access.checkAccess.mockResolvedValue(new Set(['app']));
      mocks.repository.conclusionFacts.mockResolvedValue(decision({ status }));
      await sut.conclusion(MANAGER, 'd1');
      expect(conclusionRendered.mock.calls[0][0]).toMatchObject({
        decisionId: 'd1',
        outcome: 'partial',
        signedOn: '2026-03-10',
        candidate: { name: 'Candidate', maskedIin: expect.not.stringContaining('900101300123') },
      });
    });
  });
});
