import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, DomainException, errorMessage, fieldError } from '@qualcert/shared';
import type { UserEntity } from '../entities/user.entity';
import { PasswordHasher } from '../password/password-hasher';
import { UsersRepository } from '../users/users.repository';
import { assertPasswordStrong, toAuditActor, UsersService } from '../users/users.service';
import type { Actor } from './actor';
import type { SessionDto, TokenPairDto, UserDto } from './auth.dto';
import { LoginThrottleService } from './login-throttle.service';
import { TokenService } from './token.service';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottleService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Checks a login. The attempt is counted before the password is checked (429 past the limit),
   * so parallel guesses cannot outrun the count. An unknown email and a wrong password get the
   * same answer in the same time (a decoy hash is verified), so the answer does not tell which
   * accounts exist.
   */
  async validateCredentials(email: string, password: string, address: string): Promise<UserEntity> {
    const attempt = await this.throttle.begin(email, address);
    const user = await this.repository.findByEmailKey(email.toLowerCase());
    const ok = await this.hasher.verify(user?.passwordHash ?? null, password);
    if (!user || !ok) throw new DomainException('UNAUTHENTICATED', errorMessage('UNAUTHENTICATED:wrong_credentials'));
    if (user.status !== 'active') {
      await attempt.released();
      throw new DomainException('UNAUTHENTICATED', errorMessage('UNAUTHENTICATED:account_disabled'));
    }
    await attempt.succeeded();
    return user;
  }

  async login(user: UserEntity): Promise<SessionDto> {
    const { pair, centreIds } = await this.dataSource.transaction(async (manager) => {
      const issued = await this.tokens.issue(manager, user);
      await this.audit.record(manager, {
        actor: { userId: user.id, role: user.role },
        action: 'session.created',
        entityType: 'user',
        entityId: user.id,
      });
      return { pair: issued, centreIds: (await this.users.centreIdsOf([user.id], manager)).get(user.id) ?? [] };
    });
    return { ...pair, user: this.users.toDto(user, centreIds) };
  }

  async refresh(refreshToken: string): Promise<TokenPairDto> {
    return (await this.tokens.rotate(refreshToken)).pair;
  }

  async logout(refreshToken: string): Promise<void> {
    await this.tokens.revoke(refreshToken);
  }

  /**
   * Changing the password ends every session (other devices included) and returns a fresh one
   * for the device that changed it. The current password is a password guess like a login's: it
   * is counted against the account at this address before it is checked (a stolen access token
   * must not become an unlimited way to try passwords).
   */
  async changePassword(
    actor: Actor,
    currentPassword: string,
    newPassword: string,
    address: string,
  ): Promise<TokenPairDto> {
    const user = await this.repository.find(actor.userId);
    if (!user) throw new DomainException('UNAUTHENTICATED', errorMessage('UNAUTHENTICATED:token_required'));
    const attempt = await this.throttle.begin(user.email, address);
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
      throw new DomainException('PASSWORD_INCORRECT', 'The current password is wrong', {
        fields: [fieldError('currentPassword', 'field:wrongPassword')],
      });
    }
    await attempt.succeeded();
    assertPasswordStrong(newPassword, user, 'newPassword');
    const passwordHash = await this.hasher.hash(newPassword);
    return this.dataSource.transaction(async (manager) => {
      await this.repository.setPasswordHash(manager, user.id, passwordHash);
      await this.tokens.revokeAllOfUser(manager, user.id, 'password_changed');
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: 'user.password_changed',
        entityType: 'user',
        entityId: user.id,
      });
      const updated = await this.repository.get(manager, user.id);
      return this.tokens.issue(manager, updated);
    });
  }

  me(actor: Actor): Promise<UserDto> {
    return this.users.getUser(actor, actor.userId);
  }
}
