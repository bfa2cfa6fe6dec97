import {
  AbilityEntity,
  KnowledgeItemEntity,
  LabourFunctionEntity,
  ProfessionCardEntity,
  SkillEntity,
  StandardEntity,
  StandardVersionEntity,
} from '@qualcert/standards/entities';

/** Every entity of every bounded context: the one list the app, the worker and the CLI share. */
export const ENTITIES = [
  StandardEntity,
  StandardVersionEntity,
  ProfessionCardEntity,
  LabourFunctionEntity,
  SkillEntity,
  AbilityEntity,
  KnowledgeItemEntity,
];
