import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainException } from '@qualcert/shared';
import { parseStandard } from '@qualcert/standards';
import {
  CarriedCredit,
  decide,
  DecisionCard,
  DecisionFunction,
  DecisionInput,
  DecisionResult,
  DecisionSkill,
  NOTE,
  OutcomeResult,
  SkillOutcomeRecord,
  SkillReasoning,
} from './decision-rule';

const REC = 'recommended' as const;
const NOT = 'not_recommended' as const;

function skill(id: string, number: number, recognition: DecisionSkill['recognition']): DecisionSkill {
  return {
    id,
    number,
    title: `Skill ${id}`,
    recognition,
    abilities: [`${id} ability 1`, `${id} ability 2`],
    knowledge: [`${id} knowledge 1`],
  };
}

/*
 * A small card: one mandatory function of three skills (a, c recommended, b not) and one
 * additional function of two (x recommended, y not). The additional function is listed first
 * and skills out of number order, to show the result's order is the rule's, not the input's.
 */
const ADDITIONAL: DecisionFunction = {
  id: 'add1',
  kind: 'additional',
  number: 1,
  title: 'Additional function',
  skills: [skill('y', 2, NOT), skill('x', 1, REC)],
};
const MANDATORY: DecisionFunction = {
  id: 'man1',
  kind: 'mandatory',
  number: 1,
  title: 'Mandatory function',
  skills: [skill('c', 3, REC), skill('a', 1, REC), skill('b', 2, NOT)],
};
const CARD: DecisionCard = { functions: [ADDITIONAL, MANDATORY] };
const MANDATORY_IDS = ['a', 'b', 'c'];
const ALL_IDS = ['a', 'b', 'c', 'x', 'y'];
const ASOF = '2026-03-15';

const exam = (skillId: string, result: OutcomeResult): SkillOutcomeRecord => ({ skillId, source: 'exam', result });
const evidence = (skillId: string, result: OutcomeResult): SkillOutcomeRecord => ({
  skillId,
  source: 'evidence',
  result,
});
const carry = (skillId: string, validUntil: string, source: CarriedCredit['source'] = 'exam'): CarriedCredit => ({
  skillId,
  creditedAt: '2025-06-01',
  validUntil,
  source,
});

function run(overrides: Partial<DecisionInput> = {}): DecisionResult {
  return decide({ card: CARD, outcomes: [], carriedCredits: [], asOf: ASOF, ...overrides });
}

function reasonOf(result: DecisionResult, skillId: string): SkillReasoning {
  const found = result.reasoning.flatMap((fn) => fn.skills).find((s) => s.skillId === skillId);
  if (!found) throw new Error(`no reasoning for ${skillId}`);
  return found;
}

const improve = (result: DecisionResult) => result.conclusion.skillsToImprove.map((s) => s.skillId);

describe('decide', () => {
  describe('outcome', () => {
    it('awards when every skill passed at the exam', () => {
      const sut = run({ outcomes: ALL_IDS.map((id) => exam(id, 'passed')) });
      expect(sut.outcome).toBe('awarded');
      expect(sut.creditedSkillIds).toEqual(['a', 'b', 'c', 'x', 'y']);
      expect(sut.creditedFunctions).toEqual([
        { functionId: 'man1', kind: 'mandatory', complete: true, creditedSkillIds: ['a', 'b', 'c'] },
        { functionId: 'add1', kind: 'additional', complete: true, creditedSkillIds: ['x', 'y'] },
      ]);
      expect(sut.pendingSkillIds).toEqual([]);
      expect(sut.conclusion.skillsToImprove).toEqual([]);
      for (const id of ALL_IDS) {
        expect(reasonOf(sut, id)).toMatchObject({ credited: true, basis: 'exam', note: NOTE.examPassed });
      }
    });

    it('awards on the mandatory skills alone: additional ones are listed, not required', () => {
      const sut = run({ outcomes: MANDATORY_IDS.map((id) => exam(id, 'passed')) });
      expect(sut.outcome).toBe('awarded');
      expect(sut.creditedSkillIds).toEqual(['a', 'b', 'c']);
      expect(sut.creditedFunctions).toEqual([
        { functionId: 'man1', kind: 'mandatory', complete: true, creditedSkillIds: ['a', 'b', 'c'] },
      ]);
      expect(reasonOf(sut, 'x')).toMatchObject({ credited: false, basis: null, note: NOTE.noOutcome });
      expect(sut.conclusion.skillsToImprove).toEqual([]);
    });

    it('lists an additional function credited in part, with what was credited', () => {
      const sut = run({ outcomes: [...MANDATORY_IDS.map((id) => exam(id, 'passed')), exam('x', 'passed')] });
      expect(sut.outcome).toBe('awarded');
      expect(sut.creditedFunctions).toEqual([
        { functionId: 'man1', kind: 'mandatory', complete: true, creditedSkillIds: ['a', 'b', 'c'] },
        { functionId: 'add1', kind: 'additional', complete: false, creditedSkillIds: ['x'] },
      ]);
    });

    it('is partial when one mandatory skill failed, naming it with its abilities and knowledge', () => {
      const sut = run({
        outcomes: [exam('a', 'passed'), exam('b', 'failed'), exam('c', 'passed'), exam('x', 'passed')],
      });
      expect(sut.outcome).toBe('partial');
      expect(sut.creditedSkillIds).toEqual(['a', 'c', 'x']);
      expect(sut.creditedFunctions).toEqual([
        { functionId: 'man1', kind: 'mandatory', complete: false, creditedSkillIds: ['a', 'c'] },
        { functionId: 'add1', kind: 'additional', complete: false, creditedSkillIds: ['x'] },
      ]);
      expect(sut.conclusion.skillsToImprove).toEqual([
        {
          skillId: 'b',
          number: 2,
          title: 'Skill b',
          functionId: 'man1',
          functionTitle: 'Mandatory function',
          abilities: ['b ability 1', 'b ability 2'],
          knowledge: ['b knowledge 1'],
        },
      ]);
      expect(reasonOf(sut, 'b')).toMatchObject({ credited: false, basis: null, note: NOTE.examFailed });
    });

    it('names only mandatory skills in the conclusion, never additional ones', () => {
      const sut = run({ outcomes: [exam('a', 'passed'), exam('x', 'failed')] });
      expect(sut.outcome).toBe('partial');
      expect(improve(sut)).toEqual(['b', 'c']);
    });

    it('is partial when only additional skills are credited', () => {
      const sut = run({ outcomes: [exam('x', 'passed'), ...MANDATORY_IDS.map((id) => exam(id, 'failed'))] });
      expect(sut.outcome).toBe('partial');
      expect(sut.creditedSkillIds).toEqual(['x']);
      expect(improve(sut)).toEqual(['a', 'b', 'c']);
    });

    it('does not award when no skill has an outcome', () => {
      const sut = run();
      expect(sut.outcome).toBe('not_awarded');
      expect(sut.creditedSkillIds).toEqual([]);
      expect(sut.creditedFunctions).toEqual([]);
      expect(improve(sut)).toEqual(['a', 'b', 'c']);
      for (const id of ALL_IDS) expect(reasonOf(sut, id).note).toBe(NOTE.noOutcome);
    });

    it('does not award when every skill failed or its evidence was rejected', () => {
      const sut = run({
        outcomes: [exam('a', 'failed'), evidence('c', 'rejected'), exam('b', 'failed'), exam('x', 'failed')],
      });
      expect(sut.outcome).toBe('not_awarded');
      expect(improve(sut)).toEqual(['a', 'b', 'c']);
      expect(reasonOf(sut, 'c').note).toBe(NOTE.evidenceRejected);
    });
  });

  describe('recognition of skills (evidence)', () => {
    it('credits accepted evidence on recommended skills, the others passing at the exam', () => {
      const sut = run({ outcomes: [evidence('a', 'accepted'), evidence('c', 'accepted'), exam('b', 'passed')] });
      expect(sut.outcome).toBe('awarded');
      expect(reasonOf(sut, 'a')).toMatchObject({ credited: true, basis: 'evidence', note: NOTE.evidenceAccepted });
      expect(reasonOf(sut, 'b')).toMatchObject({ credited: true, basis: 'exam' });
    });

    it('never credits evidence on a not recommended skill, and says so instead of throwing', () => {
      const outcomes = [evidence('a', 'accepted'), evidence('b', 'accepted'), evidence('c', 'accepted')];
      const sut = run({ outcomes });
      expect(sut.outcome).toBe('partial');
      expect(reasonOf(sut, 'b')).toEqual({
        skillId: 'b',
        number: 2,
        title: 'Skill b',
        credited: false,
        basis: null,
        pending: false,
        note: NOTE.evidenceNotRecognisable,
        carriedCredit: null,
      });
      expect(improve(sut)).toEqual(['b']);
    });

    it('reports refused evidence on a not recommended skill that passed at the exam', () => {
      const sut = run({ outcomes: [evidence('b', 'accepted'), exam('b', 'passed')] });
      expect(reasonOf(sut, 'b')).toMatchObject({
        credited: true,
        basis: 'exam',
        note: `${NOTE.examPassed}; ${NOTE.evidenceNotRecognisable}`,
      });
    });

    it('does not wait for a review of evidence that could never credit the skill', () => {
      const sut = run({
        outcomes: [exam('a', 'passed'), exam('b', 'failed'), evidence('b', 'pending'), exam('c', 'passed')],
      });
      expect(sut.outcome).toBe('partial');
      expect(reasonOf(sut, 'b')).toMatchObject({
        pending: false,
        note: `${NOTE.examFailed}; ${NOTE.evidenceNotRecognisable}`,
      });
    });

    it('lets a rejection prevail over an acceptance of the same skill', () => {
      const sut = run({ outcomes: [evidence('a', 'accepted'), evidence('a', 'rejected')] });
      expect(reasonOf(sut, 'a')).toMatchObject({ credited: false, note: NOTE.evidenceRejected });
    });
  });

  describe('precedence when a skill has several outcomes', () => {
    it('credits a skill by accepted evidence even though it failed at the exam', () => {
      const sut = run({ outcomes: [exam('a', 'failed'), evidence('a', 'accepted')] });
      expect(reasonOf(sut, 'a')).toMatchObject({
        credited: true,
        basis: 'evidence',
        note: `${NOTE.evidenceAccepted}; ${NOTE.examFailed}`,
      });
    });

    it('credits a skill passed at the exam even though its evidence was rejected', () => {
      const sut = run({ outcomes: [evidence('a', 'rejected'), exam('a', 'passed')] });
      expect(reasonOf(sut, 'a')).toMatchObject({
        credited: true,
        basis: 'exam',
        note: `${NOTE.examPassed}; ${NOTE.evidenceRejected}`,
      });
    });

    it('names the exam as the basis when both the exam and the evidence credit the skill', () => {
      const sut = run({ outcomes: [evidence('a', 'accepted'), exam('a', 'passed')] });
      expect(reasonOf(sut, 'a')).toMatchObject({ basis: 'exam', note: `${NOTE.examPassed}; ${NOTE.evidenceAccepted}` });
    });

    it('names an outcome of this application before a carried credit', () => {
      const sut = run({ outcomes: [exam('a', 'passed')], carriedCredits: [carry('a', '2027-01-01')] });
      expect(reasonOf(sut, 'a')).toMatchObject({
        basis: 'exam',
        carriedCredit: null,
        note: `${NOTE.examPassed}; ${NOTE.carried('2027-01-01')}`,
      });
    });

    it.each([[['failed', 'passed']], [['passed', 'failed']]] as const)(
      'lets a pass replace a failure at the exam (%j)',
      (results) => {
        const sut = run({ outcomes: results.map((r) => exam('a', r)) });
        expect(reasonOf(sut, 'a')).toMatchObject({ credited: true, basis: 'exam', note: NOTE.examPassed });
      },
    );
  });

  describe('credits carried into a retake', () => {
    it('credits a skill carried from an earlier decision while it is valid', () => {
      const credit = carry('b', '2027-01-01');
      const sut = run({
        outcomes: [exam('a', 'passed'), exam('c', 'passed')],
        carriedCredits: [credit],
      });
      expect(sut.outcome).toBe('awarded');
      expect(reasonOf(sut, 'b')).toEqual({
        skillId: 'b',
        number: 2,
        title: 'Skill b',
        credited: true,
        basis: 'carried',
        pending: false,
        note: 'carried from an earlier decision, valid until 2027-01-01',
        carriedCredit: credit,
      });
    });

    it('counts the last day of validity as valid', () => {
      const sut = run({ carriedCredits: [carry('a', ASOF)] });
      expect(reasonOf(sut, 'a')).toMatchObject({ credited: true, basis: 'carried' });
    });

    it('compares calendar days when the dates carry a time', () => {
      const sut = run({
        asOf: '2026-03-15T18:30:00+05:00',
        carriedCredits: [carry('a', '2026-03-15T00:00:00Z'), carry('c', '2026-03-14T23:59:59Z')],
      });
      expect(reasonOf(sut, 'a')).toMatchObject({ credited: true, note: NOTE.carried('2026-03-15') });
      expect(reasonOf(sut, 'c')).toMatchObject({ credited: false, note: NOTE.carriedExpired('2026-03-14') });
    });

    it('ignores an expired credit and says when it expired', () => {
      const sut = run({
        outcomes: [exam('a', 'passed'), exam('c', 'passed')],
        carriedCredits: [carry('b', '2026-03-14')],
      });
      expect(sut.outcome).toBe('partial');
      expect(reasonOf(sut, 'b')).toMatchObject({
        credited: false,
        basis: null,
        note: 'carried credit expired on 2026-03-14',
        carriedCredit: null,
      });
      expect(improve(sut)).toEqual(['b']);
    });

    it('reports an expired credit beside the exam that replaced it', () => {
      const sut = run({ outcomes: [exam('b', 'passed')], carriedCredits: [carry('b', '2025-12-31')] });
      expect(reasonOf(sut, 'b')).toMatchObject({
        basis: 'exam',
        note: `${NOTE.examPassed}; ${NOTE.carriedExpired('2025-12-31')}`,
      });
    });

    it('keeps the longest-lived of several valid credits, and ignores expired ones beside them', () => {
      const credits = [carry('a', '2026-06-01'), carry('a', '2027-02-01', 'evidence'), carry('a', '2025-01-01')];
      for (const order of [credits, [...credits].reverse()]) {
        const sut = run({ carriedCredits: order });
        expect(reasonOf(sut, 'a')).toMatchObject({
          basis: 'carried',
          carriedCredit: credits[1],
          note: NOTE.carried('2027-02-01'),
        });
      }
    });

    it('chooses between credits valid to the same day whatever their order', () => {
      const credits: CarriedCredit[] = [
        { skillId: 'a', creditedAt: '2025-05-01', validUntil: '2026-05-01', source: 'evidence' },
        { skillId: 'a', creditedAt: '2025-05-01', validUntil: '2026-05-01', source: 'exam' },
        { skillId: 'a', creditedAt: '2025-04-01', validUntil: '2026-05-01', source: 'exam' },
        { skillId: 'a', creditedAt: '2025-05-01', validUntil: '2026-05-01T00:00:00Z', source: 'exam' },
      ];
      const chosen = run({ carriedCredits: credits });
      expect(chosen.reasoning[0].skills[0].carriedCredit).toEqual(credits[3]);
      expect(run({ carriedCredits: [...credits].reverse() })).toEqual(chosen);
      expect(
        run({ carriedCredits: [credits[2], credits[0], credits[1]] }).reasoning[0].skills[0].carriedCredit,
      ).toEqual(credits[1]);
    });

    it('names the latest expiry when every carried credit expired', () => {
      const sut = run({ carriedCredits: [carry('a', '2025-01-01'), carry('a', '2026-01-01')] });
      expect(reasonOf(sut, 'a').note).toBe(NOTE.carriedExpired('2026-01-01'));
    });

    it('refuses a credit carried on evidence for a not recommended skill', () => {
      const sut = run({ carriedCredits: [carry('b', '2027-01-01', 'evidence')] });
      expect(reasonOf(sut, 'b')).toMatchObject({
        credited: false,
        note: NOTE.carriedEvidenceNotRecognisable,
      });
    });

    it('credits a credit carried on evidence for a recommended skill', () => {
      const sut = run({ carriedCredits: [carry('a', '2027-01-01', 'evidence')] });
      expect(reasonOf(sut, 'a')).toMatchObject({ credited: true, basis: 'carried' });
    });

    it('combines carried credits with a retake into an award', () => {
      const sut = run({
        outcomes: [exam('b', 'passed'), exam('a', 'failed')],
        carriedCredits: [carry('a', '2026-12-31'), carry('c', '2026-12-31', 'evidence')],
      });
      expect(sut.outcome).toBe('awarded');
      expect(sut.reasoning[0].skills.map((s) => [s.skillId, s.basis])).toEqual([
        ['a', 'carried'],
        ['b', 'exam'],
        ['c', 'carried'],
      ]);
      expect(reasonOf(sut, 'a').note).toBe(`${NOTE.carried('2026-12-31')}; ${NOTE.examFailed}`);
    });
  });

  describe('pending outcomes', () => {
    it('is incomplete while a mandatory skill waits for its exam', () => {
      const sut = run({ outcomes: [exam('a', 'passed'), exam('b', 'pending'), exam('c', 'failed')] });
      expect(sut.outcome).toBe('incomplete');
      expect(sut.pendingSkillIds).toEqual(['b']);
      expect(sut.conclusion.skillsToImprove).toEqual([]);
      expect(sut.creditedSkillIds).toEqual(['a']);
      expect(reasonOf(sut, 'b')).toMatchObject({ credited: false, pending: true, note: NOTE.examPending });
    });

    it('is incomplete while a recommended skill waits for its evidence review', () => {
      const sut = run({ outcomes: MANDATORY_IDS.map((id) => exam(id, 'passed')).concat(evidence('x', 'pending')) });
      expect(sut.outcome).toBe('incomplete');
      expect(sut.pendingSkillIds).toEqual(['x']);
    });

    it('waits for a retake after a failure', () => {
      const sut = run({ outcomes: [exam('a', 'failed'), exam('a', 'pending')] });
      expect(sut.outcome).toBe('incomplete');
      expect(reasonOf(sut, 'a').note).toBe(NOTE.examPending);
    });

    it('waits for the review of a skill that failed at the exam, which the evidence may still credit', () => {
      const sut = run({ outcomes: [exam('a', 'failed'), evidence('a', 'pending')] });
      expect(sut.outcome).toBe('incomplete');
      expect(reasonOf(sut, 'a').note).toBe(`${NOTE.evidencePending}; ${NOTE.examFailed}`);
    });

    it('does not wait for a pending outcome of a skill already credited', () => {
      const sut = run({
        outcomes: [exam('a', 'passed'), evidence('a', 'pending'), exam('b', 'pending'), exam('c', 'passed')],
        carriedCredits: [carry('b', '2026-06-30')],
      });
      expect(sut.outcome).toBe('awarded');
      expect(sut.pendingSkillIds).toEqual([]);
      expect(reasonOf(sut, 'b')).toMatchObject({
        basis: 'carried',
        pending: false,
        note: `${NOTE.carried('2026-06-30')}; ${NOTE.examPending}`,
      });
    });
  });

  /*
   * Every combination for one mandatory skill: exam, evidence, recognition and carried credit.
   * The expectation restates DOMAIN.md §4/§6 as a truth table rather than the module's steps.
   */
  describe('every combination of outcomes for one skill', () => {
    type Exam = 'none' | 'passed' | 'failed' | 'pending';
    type Evidence = 'none' | 'accepted' | 'rejected' | 'pending';
    type Carried = 'none' | 'valid' | 'expired';
    const exams: Exam[] = ['none', 'passed', 'failed', 'pending'];
    const evidences: Evidence[] = ['none', 'accepted', 'rejected', 'pending'];
    const recognitions = [REC, NOT];
    const carrieds: Carried[] = ['none', 'valid', 'expired'];
    const cases = exams.flatMap((e) =>
      evidences.flatMap((v) => recognitions.flatMap((r) => carrieds.map((c) => [e, v, r, c] as const))),
    );

    it.each(cases)('exam %s, evidence %s, %s, carried %s', (examResult, evidenceResult, recognition, carried) => {
      const card: DecisionCard = {
        functions: [{ id: 'f', kind: 'mandatory', number: 1, title: 'F', skills: [skill('s', 1, recognition)] }],
      };
      const outcomes: SkillOutcomeRecord[] = [];
      if (examResult !== 'none') outcomes.push(exam('s', examResult));
      if (evidenceResult !== 'none') outcomes.push(evidence('s', evidenceResult));
      const carriedCredits = { none: [], valid: [carry('s', '2026-09-01')], expired: [carry('s', '2026-01-01')] }[
        carried
      ];
      const sut = decide({ card, outcomes, carriedCredits, asOf: ASOF });

      const byExam = examResult === 'passed';
      const byEvidence = recognition === REC && evidenceResult === 'accepted';
      const byCarried = carried === 'valid';
      const credited = byExam || byEvidence || byCarried;
      const basis = byExam ? 'exam' : byEvidence ? 'evidence' : byCarried ? 'carried' : null;
      const pending = !credited && (examResult === 'pending' || (recognition === REC && evidenceResult === 'pending'));
      const outcome = pending ? 'incomplete' : credited ? 'awarded' : 'not_awarded';

      expect(sut.outcome).toBe(outcome);
      expect(reasonOf(sut, 's')).toMatchObject({ credited, basis, pending });
      expect(sut.creditedSkillIds).toEqual(credited ? ['s'] : []);
      expect(improve(sut)).toEqual(outcome === 'not_awarded' ? ['s'] : []);
      if (recognition === NOT && evidenceResult !== 'none') {
        expect(reasonOf(sut, 's').note).toContain(NOTE.evidenceNotRecognisable);
      }
      if (carried === 'expired') expect(reasonOf(sut, 's').note).toContain(NOTE.carriedExpired('2026-01-01'));
      const leading = { exam: NOTE.examPassed, evidence: NOTE.evidenceAccepted, carried: NOTE.carried('2026-09-01') };
      if (basis) expect(reasonOf(sut, 's').note.startsWith(leading[basis])).toBe(true);
    });
  });

  describe('order and determinism', () => {
    it('reasons over mandatory functions first, in the card order, and skills by number', () => {
      const second: DecisionFunction = { ...MANDATORY, id: 'man2', number: 2, skills: [skill('m', 1, REC)] };
      const extra: DecisionFunction = { ...ADDITIONAL, id: 'add2', number: 2, skills: [skill('z', 1, REC)] };
      const sut = decide({
        card: { functions: [ADDITIONAL, second, extra, MANDATORY] },
        outcomes: ['z', 'm', 'y', 'c', 'a'].map((id) => exam(id, 'passed')),
        carriedCredits: [],
        asOf: ASOF,
      });
      expect(sut.reasoning.map((fn) => [fn.functionId, fn.skills.map((s) => s.skillId)])).toEqual([
        ['man2', ['m']],
        ['man1', ['a', 'b', 'c']],
        ['add1', ['x', 'y']],
        ['add2', ['z']],
      ]);
      expect(sut.creditedSkillIds).toEqual(['m', 'a', 'c', 'y', 'z']);
      expect(sut.creditedFunctions.map((fn) => fn.functionId)).toEqual(['man2', 'man1', 'add1', 'add2']);
    });

    it('gives the same decision whatever the order of the records, and leaves the input untouched', () => {
      const input: DecisionInput = {
        card: CARD,
        outcomes: [
          exam('a', 'failed'),
          evidence('a', 'accepted'),
          exam('b', 'failed'),
          exam('b', 'passed'),
          evidence('c', 'rejected'),
          exam('x', 'pending'),
          exam('x', 'passed'),
          evidence('y', 'accepted'),
        ],
        carriedCredits: [carry('c', '2026-04-01'), carry('c', '2026-08-01', 'evidence'), carry('y', '2025-01-01')],
        asOf: ASOF,
      };
      const snapshot = structuredClone(input);
      const first = decide(input);
      const reversed = decide({
        ...input,
        outcomes: [...input.outcomes].reverse(),
        carriedCredits: [...input.carriedCredits].reverse(),
      });
      expect(reversed).toEqual(first);
      expect(decide(input)).toEqual(first);
      expect(input).toEqual(snapshot);
      expect(first.outcome).toBe('awarded');
    });

    it('ignores outcomes and carried credits of skills the card does not hold', () => {
      const sut = run({ outcomes: [exam('elsewhere', 'passed')], carriedCredits: [carry('other', '2030-01-01')] });
      expect(sut.outcome).toBe('not_awarded');
      expect(sut.creditedSkillIds).toEqual([]);
    });
  });

  describe('input it cannot decide on', () => {
    function fieldsOf(input: Partial<DecisionInput>): string[] {
      try {
        run(input);
      } catch (error) {
        expect(error).toBeInstanceOf(DomainException);
        const domain = error as DomainException;
        expect(domain.code).toBe('VALIDATION_FAILED');
        return (domain.details as { fields: { field: string }[] }).fields.map((f) => f.field);
      }
      throw new Error('expected a validation error');
    }

    it('refuses a card without a mandatory skill', () => {
      expect(fieldsOf({ card: { functions: [ADDITIONAL] } })).toEqual(['card.functions']);
      expect(fieldsOf({ card: { functions: [] } })).toEqual(['card.functions']);
    });

    it('refuses a function without skills', () => {
      const empty: DecisionFunction = { ...ADDITIONAL, id: 'empty', skills: [] };
      expect(fieldsOf({ card: { functions: [MANDATORY, empty] } })).toEqual(['card.functions[1].skills']);
    });

    it('refuses repeated function and skill ids', () => {
      const twin: DecisionFunction = { ...ADDITIONAL, id: 'man1', skills: [skill('a', 1, REC)] };
      expect(fieldsOf({ card: { functions: [MANDATORY, twin] } })).toEqual([
        'card.functions[1].id',
        'card.functions[1].skills[0].id',
      ]);
    });

    it('refuses an outcome that does not belong to its source', () => {
      expect(fieldsOf({ outcomes: [exam('a', 'accepted'), evidence('a', 'passed'), exam('b', 'rejected')] })).toEqual([
        'outcomes[0].result',
        'outcomes[1].result',
        'outcomes[2].result',
      ]);
    });

    it('refuses dates that are not ISO dates', () => {
      expect(
        fieldsOf({
          asOf: '15.03.2026',
          carriedCredits: [{ skillId: 'a', creditedAt: '2026-02-30', validUntil: 'soon', source: 'exam' }],
        }),
      ).toEqual(['carriedCredits[0].creditedAt', 'carriedCredits[0].validUntil', 'asOf']);
    });
  });
});

/*
 * Every card of the seed standard, as the parser reads it. Ids are made from positions so that
 * each skill has one whatever the source prints.
 */
describe('decide on every card of the seed standard', () => {
  const seed = parseStandard(
    readFileSync(join(__dirname, '../../../../standards/kz-ps-reference-information-services-2025.txt'), 'utf8'),
  );
  const cards = seed.cards.map((parsed) => {
    const card: DecisionCard = {
      functions: parsed.functions.map((fn, f) => ({
        id: `card${parsed.number}-f${f}`,
        kind: fn.kind,
        number: fn.number,
        title: fn.title,
        skills: fn.skills.map((s, i) => ({
          id: `card${parsed.number}-f${f}-s${i}`,
          number: s.number,
          title: s.title,
          recognition: s.recognition,
          abilities: s.abilities,
          knowledge: s.knowledge,
        })),
      })),
    };
    return [parsed.number, parsed.name, card] as const;
  });

  const skillsOf = (card: DecisionCard, kind?: DecisionFunction['kind']) =>
    card.functions.filter((fn) => kind === undefined || fn.kind === kind).flatMap((fn) => fn.skills);
  const orderedIds = (card: DecisionCard, kind?: DecisionFunction['kind']) =>
    [...(kind === 'additional' ? [] : ['mandatory' as const]), ...(kind === 'mandatory' ? [] : ['additional' as const])]
      .flatMap((k) => card.functions.filter((fn) => fn.kind === k))
      .flatMap((fn) => [...fn.skills].sort((a, b) => a.number - b.number))
      .map((s) => s.id);
  const decideOn = (card: DecisionCard, outcomes: SkillOutcomeRecord[]) =>
    decide({ card, outcomes, carriedCredits: [], asOf: ASOF });

  it('reads the 10 cards, each with a mandatory skill', () => {
    expect(cards).toHaveLength(10);
    for (const [, , card] of cards) expect(skillsOf(card, 'mandatory').length).toBeGreaterThan(0);
  });

  it.each(cards)('card %i (%s): every skill passed → awarded', (_n, _name, card) => {
    const sut = decideOn(
      card,
      skillsOf(card).map((s) => exam(s.id, 'passed')),
    );
    expect(sut.outcome).toBe('awarded');
    expect(sut.creditedSkillIds).toEqual(orderedIds(card));
    expect(sut.creditedFunctions).toHaveLength(card.functions.length);
    expect(sut.creditedFunctions.every((fn) => fn.complete)).toBe(true);
    expect(sut.conclusion.skillsToImprove).toEqual([]);
  });

  it.each(cards)('card %i (%s): every mandatory skill passed, no additional → awarded', (_n, _name, card) => {
    const sut = decideOn(
      card,
      skillsOf(card, 'mandatory').map((s) => exam(s.id, 'passed')),
    );
    expect(sut.outcome).toBe('awarded');
    expect(sut.creditedSkillIds).toEqual(orderedIds(card, 'mandatory'));
    expect(sut.creditedFunctions.map((fn) => fn.kind)).toEqual(
      card.functions.filter((fn) => fn.kind === 'mandatory').map(() => 'mandatory'),
    );
  });

  it.each(cards)('card %i (%s): first mandatory skill failed → partial, naming it', (_n, _name, card) => {
    const firstFunction = card.functions.find((fn) => fn.kind === 'mandatory');
    const first = [...(firstFunction?.skills ?? [])].sort((a, b) => a.number - b.number)[0];
    const sut = decideOn(
      card,
      skillsOf(card).map((s) => exam(s.id, s.id === first.id ? 'failed' : 'passed')),
    );
    expect(sut.outcome).toBe('partial');
    expect(sut.conclusion.skillsToImprove).toEqual([
      {
        skillId: first.id,
        number: first.number,
        title: first.title,
        functionId: firstFunction?.id,
        functionTitle: firstFunction?.title,
        abilities: first.abilities,
        knowledge: first.knowledge,
      },
    ]);
    expect(first.abilities.length + first.knowledge.length).toBeGreaterThan(0);
  });

  it.each(cards)(
    'card %i (%s): evidence accepted on every skill → awarded only when every mandatory skill is recommended',
    (_n, _name, card) => {
      const sut = decideOn(
        card,
        skillsOf(card).map((s) => evidence(s.id, 'accepted')),
      );
      const refused = orderedIds(card, 'mandatory').filter(
        (id) => skillsOf(card).find((s) => s.id === id)?.recognition === 'not_recommended',
      );
      const recommended = orderedIds(card).filter(
        (id) => skillsOf(card).find((s) => s.id === id)?.recognition === 'recommended',
      );
      // Card 10 recommends no skill at all: nothing is credited, so the decision is not even partial.
      const expected = refused.length === 0 ? 'awarded' : recommended.length > 0 ? 'partial' : 'not_awarded';
      expect(sut.outcome).toBe(expected);
      expect(improve(sut)).toEqual(refused);
      expect(sut.creditedSkillIds).toEqual(recommended);
      for (const reason of sut.reasoning.flatMap((fn) => fn.skills)) {
        expect(reason.note).toBe(reason.credited ? NOTE.evidenceAccepted : NOTE.evidenceNotRecognisable);
      }
    },
  );

  it.each(cards)(
    'card %i (%s): the recognition pathway (evidence where recommended, exam elsewhere) → awarded',
    (_n, _name, card) => {
      const sut = decideOn(
        card,
        skillsOf(card, 'mandatory').map((s) =>
          s.recognition === 'recommended' ? evidence(s.id, 'accepted') : exam(s.id, 'passed'),
        ),
      );
      expect(sut.outcome).toBe('awarded');
      expect(sut.creditedSkillIds).toEqual(orderedIds(card, 'mandatory'));
    },
  );
});
