import { Injectable } from '@nestjs/common';
import { DomainException } from '@qualcert/shared';
import type { Actor } from '../auth/actor';
import { AccessRepository } from './access.repository';

/**
 * What an actor may do to which rows. Later contexts add their permissions here, each with the
 * query that decides it.
 */
export enum Permission {
  /** See a centre and its accreditations. */
  CentreRead = 'centre.read',
  /** Manage a centre's staff. */
  CentreManageStaff = 'centre.staff.manage',
  /** See a user account. */
  UserRead = 'user.read',
  /** See an application (and its eligibility, evidence and claims). */
  ApplicationRead = 'application.read',
  /** Act for the candidate on their own application: submit, withdraw, claim evidence. */
  ApplicationOwn = 'application.own',
  /** Act for the centre on an application: override an eligibility result. */
  ApplicationManage = 'application.manage',
  /** Check the documents an application rests on: its centre's managers and assessors. */
  ApplicationCheckDocuments = 'application.documents.check',
  /** See a candidate's profile and records. */
  CandidateRead = 'candidate.read',
  /** Act for the centre on a candidate who applied there: confirm their identity document. */
  CandidateManage = 'candidate.manage',
}

/**
 * The row-level checks every service calls before it touches data. A row the actor may not
 * reach is answered as not found (404), so that ids cannot be probed.
 */
@Injectable()
export class AccessService {
  constructor(private readonly repository: AccessRepository) {}

  async requireAccess(actor: Actor, permission: Permission, ids: string[], entity = 'Resource'): Promise<void> {
    const allowed = await this.checkAccess(actor, permission, ids);
    const denied = ids.find((id) => !allowed.has(id));
    if (denied !== undefined) throw DomainException.notFound(entity, denied);
  }

  async checkAccess(actor: Actor, permission: Permission, ids: string[]): Promise<Set<string>> {
    const unique = [...new Set(ids)];
    if (actor.role === 'admin') return new Set(unique);
    switch (permission) {
      case Permission.CentreRead:
        return new Set(unique.filter((id) => actor.centreIds.includes(id)));
      case Permission.CentreManageStaff:
        return actor.role === 'centre_manager'
          ? new Set(unique.filter((id) => actor.centreIds.includes(id)))
          : new Set();
      case Permission.UserRead: {
        const self = unique.filter((id) => id === actor.userId);
        const colleagues =
          actor.role === 'centre_manager'
            ? await this.repository.usersInCentres(unique, actor.centreIds)
            : new Set<string>();
        return new Set([...self, ...colleagues]);
      }
      case Permission.ApplicationRead:
        return this.repository.applicationsVisibleTo(actor, unique, actor.role === 'candidate' ? 'own' : 'centre');
      case Permission.ApplicationOwn:
        return actor.role === 'candidate' ? this.repository.applicationsVisibleTo(actor, unique, 'own') : new Set();
      case Permission.ApplicationCheckDocuments:
        return actor.role === 'centre_manager' || actor.role === 'assessor'
          ? this.repository.applicationsVisibleTo(actor, unique, 'centre')
          : new Set();
      case Permission.ApplicationManage:
        return actor.role === 'centre_manager'
          ? this.repository.applicationsVisibleTo(actor, unique, 'centre')
          : new Set();
      case Permission.CandidateRead: {
        const self = unique.filter((id) => id === actor.userId);
        const applicants =
          actor.role === 'centre_manager' || actor.role === 'assessor'
            ? await this.repository.candidatesOfCentres(unique, actor.centreIds)
            : new Set<string>();
        return new Set([...self, ...applicants]);
      }
      case Permission.CandidateManage:
        return actor.role === 'centre_manager'
          ? this.repository.candidatesOfCentres(unique, actor.centreIds)
          : new Set();
    }
  }
}
