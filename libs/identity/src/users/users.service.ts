import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  AuditActor,
  AuditService,
  DomainException,
  isCheckViolation,
  isUniqueViolation,
  fieldError,
} from '@qualcert/shared';
import type { Actor } from '../auth/actor';
import type { RegistrationAcceptedDto, UserDto } from '../auth/auth.dto';
import { TokenService } from '../auth/token.service';
import { Role, StaffRole, UserEntity, UserStatus } from '../entities/user.entity';
import { PasswordHasher } from '../password/password-hasher';
import { passwordProblems } from '../password/password-policy';
import { AccessService, Permission } from '../access/access.service';
import type { ListUsersQueryDto, UsersPageDto } from './users.dto';
import { roleChangeRefusal } from './role-change-rule';
import { lockForRoleChange, replaceCentres, setRole } from './user-roles.repository';
import { UsersRepository } from './users.repository';

export interface NewUser {
  email: string;
  fullName: string;
  role: Role;
  password: string;
  centreIds?: string[];
}

/** The one answer to every accepted registration, whether or not the address already had an account. */
const REGISTRATION_ACCEPTED: RegistrationAcceptedDto = {
  status: 'accepted',
  message: 'If the address could be registered, its account is ready: sign in with the address and the password',
};

export function toAuditActor(actor: Actor): AuditActor {
  return { userId: actor.userId, role: actor.role };
}

/** What the audit trail keeps of an account: never the password hash. */
function auditView(user: UserEntity, centreIds: string[]): Record<string, unknown> {
  return { email: user.email, fullName: user.fullName, role: user.role, status: user.status, centreIds };
}

export function assertPasswordStrong(
  password: string,
  person: { email?: string; fullName?: string },
  field = 'password',
): void {
  const problems = passwordProblems(password, person);
  if (problems.length > 0) {
    throw new DomainException('PASSWORD_TOO_WEAK', `The ${field} is too weak`, {
      fields: [{ field, messages: problems }],
    });
  }
}

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Creates an account in the caller's transaction, audited. The database decides uniqueness of
   * the email (case-insensitive), so two simultaneous sign-ups cannot both succeed.
   */
  async createUser(manager: EntityManager, actor: AuditActor | 'self', input: NewUser): Promise<UserEntity> {
    assertPasswordStrong(input.password, input);
    const centreIds = [...new Set(input.centreIds ?? [])];
    if (centreIds.length > 0 && input.role !== 'centre_manager' && input.role !== 'assessor') {
      throw new DomainException('ROLE_NOT_ALLOWED', 'Only centre managers and assessors belong to centres', {
        fields: [fieldError('centreIds', 'field:centreIdsRole')],
      });
    }
    const user: UserEntity = {
      id: randomUUID(),
      email: input.email,
      emailKey: input.email.toLowerCase(),
      fullName: input.fullName,
      role: input.role,
      status: 'active',
      passwordHash: await this.hasher.hash(input.password),
      sessionVersion: 0,
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    try {
      // In a savepoint, so that a duplicate email is answered without aborting the caller's transaction.
      await this.repository.insertWithCentres(manager, user, centreIds);
    } catch (error) {
      // The key is the address in lower case, and the database checks it: JavaScript and PostgreSQL
      // lower some letters differently (İ is "i̇" to one and "i" to the other).
      if (isCheckViolation(error, 'ck_app_user_email_key')) {
        throw DomainException.validation([fieldError('email', 'field:emailAmbiguous')]);
      }
      if (isUniqueViolation(error, 'uq_app_user_email_key')) {
        throw new DomainException('EMAIL_TAKEN', 'An account with this email already exists', {
          fields: [fieldError('email', 'field:emailTaken')],
        });
      }
      if ((error as { driverError?: { code?: string } }).driverError?.code === '23503') {
        throw new DomainException('NOT_FOUND', 'A centre was not found', {
          fields: [fieldError('centreIds', 'field:unknownCentre')],
        });
      }
      throw error;
    }
    await this.audit.record(manager, {
      // A person signing up acts for themselves.
      actor: actor === 'self' ? { userId: user.id, role: user.role } : actor,
      action: 'user.created',
      entityType: 'user',
      entityId: user.id,
      after: auditView(user, centreIds),
    });
    return user;
  }

  /**
   * A candidate signs up. The answer is the same whether the address was free or already has an
   * account (a candidate's or staff's), and takes as long (the password is hashed either way), so
   * registration does not tell who has an account; the candidate then signs in. Invalid input is
   * still refused, for any address alike. Per-address limits: REGISTRATIONS_PER_HOUR.
   */
  async registerCandidate(input: Omit<NewUser, 'role' | 'centreIds'>): Promise<RegistrationAcceptedDto> {
    try {
      await this.dataSource.transaction((manager) => this.createUser(manager, 'self', { ...input, role: 'candidate' }));
    } catch (error) {
      if (!(error instanceof DomainException && error.code === 'EMAIL_TAKEN')) throw error;
    }
    return REGISTRATION_ACCEPTED;
  }

  async createStaff(actor: Actor, input: NewUser): Promise<UserDto> {
    return this.dataSource.transaction(async (manager) => {
      const user = await this.createUser(manager, toAuditActor(actor), input);
      return this.toDto(user, input.centreIds ?? []);
    });
  }

  async getUser(actor: Actor, id: string): Promise<UserDto> {
    await this.access.requireAccess(actor, Permission.UserRead, [id], 'User');
    const user = await this.repository.find(id);
    if (!user) throw DomainException.notFound('User', id);
    return this.toDto(user, await this.centreIdsOf([id]).then((m) => m.get(id) ?? []));
  }

  async listUsers(query: ListUsersQueryDto): Promise<UsersPageDto> {
    const [users, total] = await this.repository.page(query);
    const centres = await this.centreIdsOf(users.map((u) => u.id));
    return {
      items: users.map((u) => this.toDto(u, centres.get(u.id) ?? [])),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /** Disabling an account ends its sessions at once; enabling lets it log in again. */
  async setStatus(actor: Actor, id: string, status: UserStatus): Promise<UserDto> {
    if (id === actor.userId && status === 'disabled') {
      throw new DomainException('CONFLICT', 'You cannot disable your own account');
    }
    return this.dataSource.transaction(async (manager) => {
      const user = await this.repository.lock(manager, id);
      if (!user) throw DomainException.notFound('User', id);
      if (user.status !== status) {
        const before = { status: user.status };
        await this.repository.setStatus(manager, id, status);
        if (status === 'disabled') await this.tokens.revokeAllOfUser(manager, id, 'account_disabled');
        await this.audit.record(manager, {
          actor: toAuditActor(actor),
          action: status === 'disabled' ? 'user.disabled' : 'user.enabled',
          entityType: 'user',
          entityId: id,
          before,
          after: { status },
        });
        user.status = status;
      }
      const centres = await this.centreIdsOf([id], manager);
      return this.toDto(user, centres.get(id) ?? []);
    });
  }

  /**
   * A staff account's new role and centres. Its sessions end (refresh tokens revoked, the session
   * version raised), so the person signs in again and every page sees the new role (docs/ACCESS.md).
   */
  async changeRole(actor: Actor, id: string, role: StaffRole, requested: string[]): Promise<UserDto> {
    const centreIds = [...new Set(requested)];
    return this.dataSource.transaction(async (manager) => {
      const { target, activeAdmins } = await lockForRoleChange(manager, id);
      if (!target) throw DomainException.notFound('User', id);
      const refusal = roleChangeRefusal({
        currentRole: target.role,
        status: target.status,
        newRole: role,
        centreCount: centreIds.length,
        activeAdmins,
      });
      if (refusal === 'CANDIDATE_ACCOUNT') {
        throw new DomainException('ROLE_NOT_ALLOWED', 'A candidate’s account keeps its role', {
          fields: [fieldError('role', 'field:candidateAccount')],
        });
      }
      if (refusal === 'CENTRE_NOT_ALLOWED') {
        throw new DomainException('ROLE_NOT_ALLOWED', 'Only centre managers and assessors belong to centres', {
          fields: [fieldError('centreIds', 'field:centreIdsRole')],
        });
      }
      if (refusal === 'CENTRE_REQUIRED')
        throw DomainException.validation([fieldError('centreIds', 'field:centreRequired')]);
      if (refusal === 'LAST_ADMIN') {
        throw new DomainException('LAST_ADMIN', 'The last active administrator keeps the role', {
          fields: [fieldError('role', 'field:lastAdmin')],
        });
      }
      const before = await this.centreIdsOf([id], manager).then((m) => m.get(id) ?? []);
      try {
        // A savepoint, so an unknown centre is answered with nothing written.
        await manager.transaction(async (inner) => {
          await setRole(inner, id, role);
          await replaceCentres(inner, id, centreIds);
        });
      } catch (error) {
        if ((error as { driverError?: { code?: string } }).driverError?.code === '23503') {
          throw new DomainException('NOT_FOUND', 'A centre was not found', {
            fields: [fieldError('centreIds', 'field:unknownCentre')],
          });
        }
        throw error;
      }
      await this.tokens.revokeAllOfUser(manager, id, 'role_changed');
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: 'user.role_changed',
        entityType: 'user',
        entityId: id,
        before: { role: target.role, centreIds: before },
        after: { role, centreIds },
      });
      const user = await this.repository.get(manager, id);
      return this.toDto(user, centreIds);
    });
  }

  async listCentreStaff(centreId: string): Promise<UserDto[]> {
    const users = await this.repository.staffOfCentre(centreId);
    const centres = await this.centreIdsOf(users.map((u) => u.id));
    return users.map((u) => this.toDto(u, centres.get(u.id) ?? []));
  }

  async centreIdsOf(
    userIds: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    if (userIds.length === 0) return map;
    const rows = await this.repository.memberships(userIds, manager);
    for (const row of rows) map.set(row.userId, [...(map.get(row.userId) ?? []), row.centreId]);
    return map;
  }

  toDto(user: UserEntity, centreIds: string[]): UserDto {
    return {
      id: user.id,
      email: user.email,
      fullName: user.fullName,
      role: user.role,
      status: user.status,
      centreIds,
      createdAt: user.createdAt,
    };
  }
}
