import { Injectable } from '@nestjs/common';
import { DomainException } from '@qualcert/shared';
import type { Actor } from '../auth/actor';
import { Permission, scopeOf } from './access-rule';
import { AccessRepository } from './access.repository';

export { Permission } from './access-rule';

/**
 * The row-level checks every service calls before it touches data: the rule (access-rule.ts) says
 * which rows a role reaches, the repository finds them among the ids asked for. A row the actor
 * may not reach is answered as not found (404), so that ids cannot be probed.
 */
@Injectable()
export class AccessService {
  constructor(private readonly repository: AccessRepository) {}

  async requireAccess(actor: Actor, permission: Permission, ids: string[], entity = 'Resource'): Promise<void> {
    await this.requireAnyAccess(actor, [permission], ids, entity);
  }

  /** Each id must be reached through at least one of the permissions. */
  async requireAnyAccess(actor: Actor, permissions: Permission[], ids: string[], entity = 'Resource'): Promise<void> {
    const allowed = new Set<string>();
    for (const permission of permissions) {
      for (const id of await this.checkAccess(actor, permission, ids)) allowed.add(id);
    }
    const denied = ids.find((id) => !allowed.has(id));
    if (denied !== undefined) throw DomainException.notFound(entity, denied);
  }

  async checkAccess(actor: Actor, permission: Permission, ids: string[]): Promise<Set<string>> {
    const unique = [...new Set(ids)];
    const scope = scopeOf(actor.role, permission);
    if (scope === 'all') return new Set(unique);
    if (scope === 'none' || unique.length === 0) return new Set();
    const r = this.repository;
    switch (permission) {
      case Permission.CentreRead:
      case Permission.CentreManageStaff:
        return new Set(unique.filter((id) => actor.centreIds.includes(id)));
      case Permission.UserRead: {
        const self = unique.filter((id) => id === actor.userId);
        const colleagues = scope === 'centre' ? await r.usersInCentres(unique, actor.centreIds) : new Set<string>();
        return new Set([...self, ...colleagues]);
      }
      case Permission.ApplicationRead:
      case Permission.ApplicationOwn:
      case Permission.ApplicationManage:
      case Permission.ApplicationCheckDocuments:
        return scope === 'assigned'
          ? r.applicationsAssignedTo(actor, unique)
          : r.applicationsVisibleTo(actor, unique, scope === 'own' ? 'own' : 'centre');
      case Permission.CandidateRead:
      case Permission.CandidateManage:
        return scope === 'own'
          ? new Set(unique.filter((id) => id === actor.userId))
          : scope === 'assigned'
            ? r.candidatesAssignedTo(actor, unique)
            : r.candidatesOfCentres(unique, actor.centreIds);
      case Permission.EvidenceRead:
        return r.evidenceVisibleTo(actor, unique, scope);
      case Permission.CertificateRead:
        return r.certificatesVisibleTo(actor, unique, scope);
    }
  }
}
