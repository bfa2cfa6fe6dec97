import type { Role } from '../entities/user.entity';

/**
 * What an actor may do to which rows. Each permission names the kind of row its ids are.
 */
export enum Permission {
  /** See a centre and its accreditations (ids: centres). */
  CentreRead = 'centre.read',
  /** Manage a centre's staff, programs and sessions (ids: centres). */
  CentreManageStaff = 'centre.staff.manage',
  /** See a user account (ids: users). */
  UserRead = 'user.read',
  /**
   * See an application and everything about it: results, reviews, decisions, conclusions,
   * appeals (ids: applications).
   */
  ApplicationRead = 'application.read',
  /** Act for the candidate on their own application: submit, withdraw, claim evidence. */
  ApplicationOwn = 'application.own',
  /** Act for the centre on an application: override an eligibility result, assign reviewers and panels. */
  ApplicationManage = 'application.manage',
  /**
   * The centre's document check (ids: applications): see the application and its records'
   * verdicts, and give verdicts. Its managers and assessors, none of the rest of ApplicationRead.
   */
  ApplicationCheckDocuments = 'application.documents.check',
  /** See a candidate's profile and records (ids: candidates). */
  CandidateRead = 'candidate.read',
  /** Act for the centre on a candidate who applied there: confirm their identity document. */
  CandidateManage = 'candidate.manage',
  /** See and download an evidence file (ids: evidence files). */
  EvidenceRead = 'evidence.read',
  /** See a certificate, its PDF and its credential (ids: certificates). */
  CertificateRead = 'certificate.read',
}

/**
 * Which rows of a permission's kind a role reaches:
 * - `all`: every row (admins; routes that are not an admin's refuse them by role, 403);
 * - `own`: the actor's own (their account, applications, evidence, certificates);
 * - `centre`: rows of a centre the actor is staff of (for candidates and their files: those who
 *   applied there; for users: the actor and their colleagues);
 * - `assigned`: rows of an application of the actor's centre that the actor is assigned to, as a
 *   session's assessor (an enrolment not withdrawn), an evidence reviewer, or an appeal panel member;
 * - `assigned_or_document_check`: the same, and also the document of a record of a candidate
 *   whose application at the actor's centre awaits the document check;
 * - `none`: nothing (answered as not found).
 */
export type Scope = 'all' | 'own' | 'centre' | 'assigned' | 'assigned_or_document_check' | 'none';

const SCOPES: Record<Permission, Record<Role, Scope>> = {
  [Permission.CentreRead]: { admin: 'all', centre_manager: 'centre', assessor: 'centre', candidate: 'none' },
  [Permission.CentreManageStaff]: { admin: 'all', centre_manager: 'centre', assessor: 'none', candidate: 'none' },
  [Permission.UserRead]: { admin: 'all', centre_manager: 'centre', assessor: 'own', candidate: 'own' },
  [Permission.ApplicationRead]: { admin: 'all', centre_manager: 'centre', assessor: 'assigned', candidate: 'own' },
  [Permission.ApplicationOwn]: { admin: 'all', centre_manager: 'none', assessor: 'none', candidate: 'own' },
  [Permission.ApplicationManage]: { admin: 'all', centre_manager: 'centre', assessor: 'none', candidate: 'none' },
  [Permission.ApplicationCheckDocuments]: {
    admin: 'all',
    centre_manager: 'centre',
    assessor: 'centre',
    candidate: 'none',
  },
  [Permission.CandidateRead]: { admin: 'all', centre_manager: 'centre', assessor: 'assigned', candidate: 'own' },
  [Permission.CandidateManage]: { admin: 'all', centre_manager: 'centre', assessor: 'none', candidate: 'none' },
  [Permission.EvidenceRead]: {
    admin: 'all',
    centre_manager: 'centre',
    assessor: 'assigned_or_document_check',
    candidate: 'own',
  },
  [Permission.CertificateRead]: { admin: 'all', centre_manager: 'centre', assessor: 'assigned', candidate: 'own' },
};

export function scopeOf(role: Role, permission: Permission): Scope {
  return SCOPES[permission][role];
}
