import type { EntityManager } from 'typeorm';
import { assessorsOfApplication } from '@qualcert/assessment';
import { documentCheckersOf } from '@qualcert/candidates';

/**
 * Who took part in assessing an application, by the records that name them: the assessors of its
 * exam sessions, the reviewers of its evidence, and whoever checked the documents of its admission
 * (a centre's manager or an assessor). None of them may sit on its appeal panel, nor sign its
 * decision: a manager is involved by the document check, the one of these a manager can do.
 */
export async function involvedInApplication(manager: EntityManager, applicationId: string): Promise<Set<string>> {
  // One after another: inside a transaction the queries share one connection.
  const assessors = await assessorsOfApplication(manager, applicationId);
  const checkers = await documentCheckersOf(manager, applicationId);
  return new Set([...assessors, ...checkers]);
}
