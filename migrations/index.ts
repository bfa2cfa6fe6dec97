import type { MigrationInterface } from 'typeorm';
import { StandardsCatalogue1795605846119 } from './1795605846119-standards-catalogue';
import { IdentityCentresAudit1795608076021 } from './1795608076021-identity-centres-audit';
import { CandidatesEvidenceOutbox1795608874474 } from './1795608874474-candidates-evidence-outbox';
import { AssessorsPrograms1795610186553 } from './1795610186553-assessors-programs';
import { SessionsTheoryTests1795610533199 } from './1795610533199-sessions-theory-tests';
import { PracticalReviews1795611167634 } from './1795611167634-practical-reviews';
import { Decisions1795612541768 } from './1795612541768-decisions';
import { Certificates1795612951783 } from './1795612951783-certificates';
import { Appeals1795615496910 } from './1795615496910-appeals';
import { Notifications1795615698697 } from './1795615698697-notifications';
import { Retakes1795626437116 } from './1795626437116-retakes';
import { IdentityClaims1795631520418 } from './1795631520418-identity-claims';
import { CertificateVerificationCodes1795631604275 } from './1795631604275-certificate-verification-codes';
import { AdmissionDocuments1795640000000 } from './1795640000000-admission-documents';
import { TheoryPassMark1796400000000 } from './1796400000000-theory-pass-mark';
import { DecisionTerms1796400100000 } from './1796400100000-decision-terms';
import { AdditionalFunctions1796400200000 } from './1796400200000-additional-functions';
import { AppealKinds1796400300000 } from './1796400300000-appeal-kinds';
import { CredentialStatusLists1796400400000 } from './1796400400000-credential-status-lists';
import { OptionLabels1796400410000 } from './1796400410000-option-labels';
import { WithdrawalAfterResults1796400420000 } from './1796400420000-withdrawal-after-results';
import { SessionLifetime1796401700000 } from './1796401700000-session-lifetime';
import { NotificationEmail1796401800000 } from './1796401800000-notification-email';

/**
 * Every migration, in order. Listed rather than globbed so the same list works from TypeScript
 * (tests) and from the build (CLI, processes). A new migration is added here.
 */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  StandardsCatalogue1795605846119,
  IdentityCentresAudit1795608076021,
  CandidatesEvidenceOutbox1795608874474,
  AssessorsPrograms1795610186553,
  SessionsTheoryTests1795610533199,
  PracticalReviews1795611167634,
  Decisions1795612541768,
  Certificates1795612951783,
  Appeals1795615496910,
  Notifications1795615698697,
  Retakes1795626437116,
  IdentityClaims1795631520418,
  CertificateVerificationCodes1795631604275,
  AdmissionDocuments1795640000000,
  TheoryPassMark1796400000000,
  DecisionTerms1796400100000,
  AdditionalFunctions1796400200000,
  AppealKinds1796400300000,
  CredentialStatusLists1796400400000,
  OptionLabels1796400410000,
  WithdrawalAfterResults1796400420000,
  SessionLifetime1796401700000,
  NotificationEmail1796401800000,
];
