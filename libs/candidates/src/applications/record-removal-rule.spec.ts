import type { Condition, EligibilityResult, RouteResult } from '../eligibility/eligibility';
import { admissionRecordIds, removalBlockedBy, type AdmittedApplication } from './record-removal-rule';
import type { ApplicationStatus } from './application-state';

const condition = (confirmedRecordIds: string[], recordIds = confirmedRecordIds): Condition => ({
  kind: 'experience',
  code: 'experience_met',
  holds: true,
  confirmed: true,
  params: {
    field: null,
    monthsRequired: 0,
    months: 0,
    confirmedMonths: 0,
    recordIds,
    confirmedRecordIds,
    rejectedRecordIds: [],
    undocumentedRecordIds: [],
  },
  message: '',
});

const route = (confirmed: boolean, conditions: Condition[], index = 0): RouteResult => ({
  index,
  kind: 'formal',
  holds: true,
  confirmed,
  sourceText: '',
  conditions,
});

const result = (routes: RouteResult[]): EligibilityResult => ({
  outcome: 'eligible',
  summary: '',
  routes,
  pendingRecordIds: [],
  notes: [],
});

const app = (id: string, status: ApplicationStatus, eligibility: EligibilityResult | null): AdmittedApplication => ({
  id,
  status,
  eligibility,
});

describe('admissionRecordIds', () => {
  it('is the confirmed records of every route that held on confirmed records', () => {
    const r = result([
      route(true, [condition(['diploma']), condition(['job-1', 'job-2'])]),
      route(false, [condition(['course'], ['course', 'other'])], 1),
      route(true, [condition(['diploma', 'reference'])], 2),
    ]);
    expect(admissionRecordIds(r).sort()).toEqual(['diploma', 'job-1', 'job-2', 'reference']);
  });

  it('leaves out records declared but not confirmed, even on a route that held', () => {
    expect(admissionRecordIds(result([route(true, [condition(['a'], ['a', 'b'])])]))).toEqual(['a']);
  });

  it('is nothing without a result or without a confirmed route (an override, an appeal)', () => {
    expect(admissionRecordIds(null)).toEqual([]);
    expect(admissionRecordIds(result([route(false, [condition(['a'])])]))).toEqual([]);
    expect(admissionRecordIds(result([]))).toEqual([]);
  });
});

describe('removalBlockedBy', () => {
  const restingOnDiploma = result([route(true, [condition(['diploma'])])]);

  it.each<ApplicationStatus>(['eligible', 'awaiting_decision', 'decided'])(
    'refuses a record an application %s rests on, naming it',
    (status) => {
      expect(removalBlockedBy('diploma', [app('app-1', status, restingOnDiploma)])).toEqual({
        applicationId: 'app-1',
        applicationStatus: status,
      });
    },
  );

  it.each<ApplicationStatus>(['draft', 'submitted', 'awaiting_documents', 'ineligible', 'withdrawn'])(
    'lets a record go while the application is %s (not admitted)',
    (status) => {
      expect(removalBlockedBy('diploma', [app('app-1', status, restingOnDiploma)])).toBeNull();
    },
  );

  it('lets a record go that no admission rests on', () => {
    expect(removalBlockedBy('course', [app('app-1', 'eligible', restingOnDiploma)])).toBeNull();
    expect(removalBlockedBy('diploma', [])).toBeNull();
  });

  it('names the same application whatever the order it is given in', () => {
    const apps = [app('b', 'decided', restingOnDiploma), app('a', 'eligible', restingOnDiploma)];
    expect(removalBlockedBy('diploma', apps)?.applicationId).toBe('a');
    expect(removalBlockedBy('diploma', [...apps].reverse())?.applicationId).toBe('a');
  });
});
