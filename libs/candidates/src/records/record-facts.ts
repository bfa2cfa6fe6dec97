/**
 * A candidate's records as eligibility reads them: the stored rows turned into facts with a label
 * for messages and the centre's document check. Pure, so the worker and the API read records the
 * same way.
 */
import { EDUCATION_LEVEL_LABELS } from '@qualcert/standards';
import type { CandidateRecords, RecordCheck, RecordVerdict } from '../eligibility/eligibility';
import type { EducationRecordEntity } from '../entities/education-record.entity';
import type { EmploymentRecordEntity } from '../entities/employment-record.entity';
import type { LearningRecordEntity } from '../entities/learning-record.entity';

export const RECORD_KINDS = ['education', 'employment', 'learning'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export interface CandidateRecordRows {
  education: EducationRecordEntity[];
  employment: EmploymentRecordEntity[];
  learning: LearningRecordEntity[];
}

interface CheckedRow {
  documentId: string | null;
  checkStatus: RecordVerdict;
  checkReason: string | null;
}

export function recordCheck(row: CheckedRow): RecordCheck {
  return { hasDocument: row.documentId !== null, verdict: row.checkStatus, reason: row.checkReason };
}

export function educationLabel(e: Pick<EducationRecordEntity, 'level' | 'institution' | 'graduationYear'>): string {
  return `${EDUCATION_LEVEL_LABELS[e.level] ?? e.level}, ${e.institution}, ${e.graduationYear}`;
}

export function employmentLabel(
  e: Pick<EmploymentRecordEntity, 'employer' | 'position' | 'startDate' | 'endDate'>,
): string {
  return `${e.employer}, ${e.position}, ${e.startDate}…${e.endDate ?? 'ongoing'}`;
}

export function learningLabel(l: Pick<LearningRecordEntity, 'title' | 'issuer' | 'issueDate'>): string {
  return `${l.title}, ${l.issuer}, ${l.issueDate}`;
}

export function candidateRecords(rows: CandidateRecordRows): CandidateRecords {
  return {
    education: rows.education.map((e) => ({
      id: e.id,
      label: educationLabel(e),
      level: e.level,
      check: recordCheck(e),
    })),
    employment: rows.employment.map((e) => ({
      id: e.id,
      label: employmentLabel(e),
      field: e.field,
      startDate: e.startDate,
      endDate: e.endDate,
      check: recordCheck(e),
    })),
    learning: rows.learning.map((l) => ({
      id: l.id,
      label: learningLabel(l),
      kind: l.kind,
      check: recordCheck(l),
    })),
  };
}
