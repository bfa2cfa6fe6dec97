import {
  ApplicationProgressInput,
  applicationSkillOutcomes,
  EvidenceReviewStatus,
  ExamStatus,
  SkillProgress,
} from './application-progress';

const REC = 'recommended' as const;
const NOT = 'not_recommended' as const;

function progress(overrides: Partial<ApplicationProgressInput> = {}) {
  return applicationSkillOutcomes({
    pathway: 'recognition',
    skills: [{ id: 's1', recognition: REC }],
    claimedSkillIds: ['s1'],
    reviews: [],
    exams: [],
    carriedSkillIds: [],
    ...overrides,
  });
}

function skill(skillId: string, route: SkillProgress['route'], outcome: SkillProgress['outcome']): SkillProgress {
  return { skillId, route, outcome };
}

describe('applicationSkillOutcomes', () => {
  describe('recognition pathway, recommended and claimed skill', () => {
    it('waits for the review when there is none yet', () => {
      expect(progress()).toEqual({ complete: false, skills: [skill('s1', 'evidence', 'pending')], examSkillIds: [] });
    });

    it.each<EvidenceReviewStatus>(['pending', 'more_requested'])('waits while the review is %s', (status) => {
      expect(progress({ reviews: [{ skillId: 's1', status }] })).toEqual({
        complete: false,
        skills: [skill('s1', 'evidence', 'pending')],
        examSkillIds: [],
      });
    });

    it('credits the skill on an accepted review', () => {
      expect(progress({ reviews: [{ skillId: 's1', status: 'accepted' }] })).toEqual({
        complete: true,
        skills: [skill('s1', 'evidence', 'credited_by_evidence')],
        examSkillIds: [],
      });
    });

    it('sends the skill to the exam on a rejected review', () => {
      expect(progress({ reviews: [{ skillId: 's1', status: 'rejected' }] })).toEqual({
        complete: false,
        skills: [skill('s1', 'exam', 'pending')],
        examSkillIds: ['s1'],
      });
    });

    it.each<[ExamStatus, SkillProgress['outcome'], boolean, string[]]>([
      ['pending', 'pending', false, ['s1']],
      ['passed', 'passed', true, []],
      ['failed', 'failed', true, []],
    ])('after a rejection, takes an exam that is %s', (status, outcome, complete, examSkillIds) => {
      expect(
        progress({ reviews: [{ skillId: 's1', status: 'rejected' }], exams: [{ skillId: 's1', status }] }),
      ).toEqual({ complete, skills: [skill('s1', 'exam', outcome)], examSkillIds });
    });

    it('ignores an exam of a skill still on the evidence route', () => {
      expect(progress({ exams: [{ skillId: 's1', status: 'failed' }] }).skills).toEqual([
        skill('s1', 'evidence', 'pending'),
      ]);
      expect(
        progress({ reviews: [{ skillId: 's1', status: 'accepted' }], exams: [{ skillId: 's1', status: 'failed' }] })
          .skills,
      ).toEqual([skill('s1', 'evidence', 'credited_by_evidence')]);
    });
  });

  describe('skills that go to the exam', () => {
    it('sends every skill of the assessment pathway to the exam, whatever was claimed or reviewed', () => {
      expect(
        progress({
          pathway: 'assessment',
          skills: [
            { id: 's1', recognition: REC },
            { id: 's2', recognition: NOT },
          ],
          claimedSkillIds: ['s1', 's2'],
          reviews: [{ skillId: 's1', status: 'accepted' }],
        }),
      ).toEqual({
        complete: false,
        skills: [skill('s1', 'exam', 'pending'), skill('s2', 'exam', 'pending')],
        examSkillIds: ['s1', 's2'],
      });
    });

    it('sends a not_recommended skill to the exam even when claimed and accepted', () => {
      expect(
        progress({
          skills: [{ id: 's1', recognition: NOT }],
          reviews: [{ skillId: 's1', status: 'accepted' }],
        }),
      ).toEqual({ complete: false, skills: [skill('s1', 'exam', 'pending')], examSkillIds: ['s1'] });
    });

    it('sends an unclaimed recommended skill to the exam', () => {
      expect(progress({ claimedSkillIds: [] })).toEqual({
        complete: false,
        skills: [skill('s1', 'exam', 'pending')],
        examSkillIds: ['s1'],
      });
    });

    it('ignores a review of an unclaimed skill', () => {
      expect(progress({ claimedSkillIds: [], reviews: [{ skillId: 's1', status: 'accepted' }] }).skills).toEqual([
        skill('s1', 'exam', 'pending'),
      ]);
    });

    it.each<[ExamStatus, SkillProgress['outcome']]>([
      ['pending', 'pending'],
      ['passed', 'passed'],
      ['failed', 'failed'],
    ])('takes the outcome of an exam that is %s', (status, outcome) => {
      expect(progress({ pathway: 'assessment', exams: [{ skillId: 's1', status }] }).skills).toEqual([
        skill('s1', 'exam', outcome),
      ]);
    });
  });

  describe('several records for one skill', () => {
    it.each<[EvidenceReviewStatus[], SkillProgress]>([
      [['more_requested', 'accepted'], skill('s1', 'evidence', 'credited_by_evidence')],
      [['accepted', 'more_requested'], skill('s1', 'evidence', 'credited_by_evidence')],
      [['pending', 'rejected'], skill('s1', 'exam', 'pending')],
      [['accepted', 'rejected'], skill('s1', 'exam', 'pending')],
      [['rejected', 'accepted'], skill('s1', 'exam', 'pending')],
      [['pending', 'more_requested'], skill('s1', 'evidence', 'pending')],
    ])('combines reviews %j regardless of order', (statuses, expected) => {
      const reviews = statuses.map((status) => ({ skillId: 's1', status }));
      expect(progress({ reviews }).skills).toEqual([expected]);
    });

    it.each<[ExamStatus[], SkillProgress['outcome']]>([
      [['failed', 'pending'], 'pending'],
      [['passed', 'pending'], 'pending'],
      [['failed', 'passed'], 'passed'],
      [['passed', 'failed'], 'passed'],
      [['failed', 'failed'], 'failed'],
    ])('combines exams %j regardless of order', (statuses, outcome) => {
      const exams = statuses.map((status) => ({ skillId: 's1', status }));
      expect(progress({ pathway: 'assessment', exams }).skills).toEqual([skill('s1', 'exam', outcome)]);
    });
  });

  describe('a whole application', () => {
    const skills = [
      { id: 'a', recognition: REC },
      { id: 'b', recognition: REC },
      { id: 'c', recognition: REC },
      { id: 'd', recognition: NOT },
      { id: 'e', recognition: REC },
    ];

    it('routes each skill by its own rule and lists what the exam must examine now', () => {
      expect(
        progress({
          skills,
          claimedSkillIds: ['a', 'b', 'c', 'd'],
          reviews: [
            { skillId: 'a', status: 'accepted' },
            { skillId: 'b', status: 'rejected' },
            { skillId: 'c', status: 'more_requested' },
          ],
          exams: [{ skillId: 'd', status: 'passed' }],
        }),
      ).toEqual({
        complete: false,
        skills: [
          skill('a', 'evidence', 'credited_by_evidence'),
          skill('b', 'exam', 'pending'),
          skill('c', 'evidence', 'pending'),
          skill('d', 'exam', 'passed'),
          skill('e', 'exam', 'pending'),
        ],
        examSkillIds: ['b', 'e'],
      });
    });

    it('is complete once every skill has an outcome, failures included', () => {
      expect(
        progress({
          skills,
          claimedSkillIds: ['a', 'b', 'c'],
          reviews: [
            { skillId: 'a', status: 'accepted' },
            { skillId: 'b', status: 'rejected' },
            { skillId: 'c', status: 'accepted' },
          ],
          exams: [
            { skillId: 'b', status: 'failed' },
            { skillId: 'd', status: 'passed' },
            { skillId: 'e', status: 'passed' },
          ],
        }),
      ).toEqual({
        complete: true,
        skills: [
          skill('a', 'evidence', 'credited_by_evidence'),
          skill('b', 'exam', 'failed'),
          skill('c', 'evidence', 'credited_by_evidence'),
          skill('d', 'exam', 'passed'),
          skill('e', 'exam', 'passed'),
        ],
        examSkillIds: [],
      });
    });

    it('is not complete while one skill is pending', () => {
      expect(
        progress({
          pathway: 'assessment',
          skills,
          exams: [
            { skillId: 'a', status: 'passed' },
            { skillId: 'b', status: 'passed' },
            { skillId: 'c', status: 'failed' },
            { skillId: 'd', status: 'passed' },
          ],
        }),
      ).toMatchObject({ complete: false, examSkillIds: ['e'] });
    });

    it('ignores records of skills the application does not need', () => {
      expect(
        progress({
          claimedSkillIds: ['s1', 'x'],
          reviews: [{ skillId: 'x', status: 'accepted' }],
          exams: [{ skillId: 'x', status: 'passed' }],
        }),
      ).toEqual({ complete: false, skills: [skill('s1', 'evidence', 'pending')], examSkillIds: [] });
    });

    it('reports a skill listed twice once', () => {
      expect(
        progress({
          skills: [
            { id: 's1', recognition: REC },
            { id: 's1', recognition: REC },
          ],
        }).skills,
      ).toEqual([skill('s1', 'evidence', 'pending')]);
    });

    it('is never complete when the application needs no skill', () => {
      expect(progress({ skills: [] })).toEqual({ complete: false, skills: [], examSkillIds: [] });
    });
  });

  describe('skills carried from an earlier partial decision (a retake)', () => {
    const skills = [
      { id: 'a', recognition: REC },
      { id: 'b', recognition: NOT },
      { id: 'c', recognition: REC },
    ];

    it.each<ApplicationProgressInput['pathway']>(['assessment', 'recognition'])(
      'are neither examined nor reviewed again on the %s pathway; the rest are',
      (pathway) => {
        expect(progress({ pathway, skills, claimedSkillIds: [], carriedSkillIds: ['a', 'b'] })).toEqual({
          complete: false,
          skills: [skill('a', 'carried', 'carried'), skill('b', 'carried', 'carried'), skill('c', 'exam', 'pending')],
          examSkillIds: ['c'],
        });
      },
    );

    it('take precedence over claims, reviews and exams of this application', () => {
      expect(
        progress({
          skills,
          claimedSkillIds: ['a'],
          reviews: [{ skillId: 'a', status: 'rejected' }],
          exams: [
            { skillId: 'a', status: 'pending' },
            { skillId: 'c', status: 'passed' },
          ],
          carriedSkillIds: ['a', 'b'],
        }),
      ).toEqual({
        complete: true,
        skills: [skill('a', 'carried', 'carried'), skill('b', 'carried', 'carried'), skill('c', 'exam', 'passed')],
        examSkillIds: [],
      });
    });

    it('make the application complete when every skill is carried', () => {
      expect(progress({ skills, carriedSkillIds: ['a', 'b', 'c'] })).toMatchObject({
        complete: true,
        examSkillIds: [],
      });
    });

    it('ignore credits of skills the application does not need', () => {
      expect(progress({ carriedSkillIds: ['x'] })).toEqual({
        complete: false,
        skills: [skill('s1', 'evidence', 'pending')],
        examSkillIds: [],
      });
    });
  });

  it('does not change its input', () => {
    const given: ApplicationProgressInput = {
      pathway: 'recognition',
      skills: [{ id: 's1', recognition: REC }],
      claimedSkillIds: ['s1'],
      reviews: [{ skillId: 's1', status: 'rejected' }],
      exams: [{ skillId: 's1', status: 'passed' }],
      carriedSkillIds: ['s1'],
    };
    const copy = structuredClone(given);
    applicationSkillOutcomes(given);
    expect(given).toEqual(copy);
  });
});
