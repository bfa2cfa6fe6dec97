import {
  AccreditationEntity,
  AssessorAccreditationEntity,
  AssessorProfileEntity,
  CentreEntity,
  ConflictDeclarationEntity,
  PracticalTaskEntity,
  QualificationProgramEntity,
  QuestionEntity,
  QuestionVersionEntity,
  EnrolmentEntity,
  ExamSessionEntity,
  SessionAssessorEntity,
  TheoryTestEntity,
  TheoryTestItemEntity,
  EvidenceReviewEntity,
  PracticalSheetEntity,
  PracticalVerdictEntity,
} from '@qualcert/assessment/centres/entities';
import {
  ApplicationEntity,
  CandidateProfileEntity,
  EducationRecordEntity,
  EmploymentRecordEntity,
  LearningRecordEntity,
} from '@qualcert/candidates/entities';
import { CertificateEntity, CertificateSequenceEntity } from '@qualcert/certificates/certificates/certificate.entity';
import {
  CreditCredentialEntity,
  CredentialStatusListEntity,
  CredentialStatusSequenceEntity,
} from '@qualcert/certificates/status-lists/status-list.entities';
import { DecisionEntity } from '@qualcert/decisions/decisions/decision.entity';
import {
  AppealEntity,
  AppealPanelMemberEntity,
  AppealReassessmentEntity,
} from '@qualcert/decisions/appeals/appeal.entity';
import { NotificationEntity } from '@qualcert/decisions/notifications/notification.entity';
import { EvidenceClaimEntity, EvidenceFileEntity } from '@qualcert/evidence/entities';
import { CentreMembershipEntity, RefreshTokenEntity, UserEntity } from '@qualcert/identity/entities';
import { OutboxEventEntity } from '@qualcert/shared/outbox/outbox-event.entity';
import { AuditLogEntity } from '@qualcert/shared/audit/audit-log.entity';
import {
  AbilityEntity,
  FieldOfActivityEntity,
  KnowledgeItemEntity,
  LabourFunctionEntity,
  ProfessionCardEntity,
  SkillEntity,
  StandardEntity,
  StandardVersionEntity,
} from '@qualcert/standards/entities';

/** Every entity of every bounded context: the one list the app, the worker and the CLI share. */
export const ENTITIES = [
  AuditLogEntity,
  StandardEntity,
  StandardVersionEntity,
  ProfessionCardEntity,
  LabourFunctionEntity,
  SkillEntity,
  AbilityEntity,
  KnowledgeItemEntity,
  FieldOfActivityEntity,
  UserEntity,
  RefreshTokenEntity,
  CentreMembershipEntity,
  CentreEntity,
  AccreditationEntity,
  CandidateProfileEntity,
  EducationRecordEntity,
  EmploymentRecordEntity,
  LearningRecordEntity,
  ApplicationEntity,
  EvidenceFileEntity,
  EvidenceClaimEntity,
  OutboxEventEntity,
  AssessorProfileEntity,
  AssessorAccreditationEntity,
  ConflictDeclarationEntity,
  QualificationProgramEntity,
  PracticalTaskEntity,
  QuestionEntity,
  QuestionVersionEntity,
  ExamSessionEntity,
  SessionAssessorEntity,
  EnrolmentEntity,
  TheoryTestEntity,
  TheoryTestItemEntity,
  PracticalVerdictEntity,
  PracticalSheetEntity,
  EvidenceReviewEntity,
  DecisionEntity,
  AppealEntity,
  AppealPanelMemberEntity,
  AppealReassessmentEntity,
  NotificationEntity,
  CertificateEntity,
  CertificateSequenceEntity,
  CredentialStatusListEntity,
  CredentialStatusSequenceEntity,
  CreditCredentialEntity,
];
