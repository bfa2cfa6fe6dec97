import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig, DomainException, errorMessage } from '@qualcert/shared';
import type { UserEntity } from '../entities/user.entity';
import { UsersRepository } from '../users/users.repository';
import { RefreshTokensRepository } from './refresh-tokens.repository';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
}

export interface AccessTokenPayload {
  sub: string;
  role: string;
  /** The user's session version when issued (see UserEntity.sessionVersion). */
  sv: number;
  /**
   * The session (the refresh-token family) the token was issued in: once the session ends (logout,
   * a reused refresh token), its access tokens are refused too, not only its refresh tokens.
   */
  sid: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const invalid = (): DomainException =>
  new DomainException('UNAUTHENTICATED', errorMessage('UNAUTHENTICATED:refresh_invalid'));
const DAY_MS = 86400_000;

/** A refresh token is `<id>.<secret>`: the id finds the row, the secret proves possession. */
function splitToken(token: string): { id: string; secret: string } | null {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
  return match ? { id: match[1], secret: match[2] } : null;
}

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly users: UsersRepository,
  ) {}

  /** A new session: a new family of refresh tokens. */
  issue(manager: EntityManager, user: Pick<UserEntity, 'id' | 'role' | 'sessionVersion'>): Promise<TokenPair> {
    return this.issueInFamily(manager, user, randomUUID(), new Date());
  }

  /**
   * Exchanges a refresh token for a new pair. A token presented twice was copied: its whole
   * family is revoked, so that neither the thief nor the owner can go on with it.
   */
  async rotate(token: string): Promise<{ userId: string; pair: TokenPair }> {
    const parts = splitToken(token);
    if (!parts) throw invalid();
    const outcome = await this.dataSource.transaction(async (manager) => {
      const row = await this.refreshTokens.lock(manager, parts.id);
      if (!row || !timingSafeEqual(Buffer.from(row.tokenHash), Buffer.from(sha256(parts.secret)))) throw invalid();
      if (row.revokedAt || row.expiresAt.getTime() <= Date.now()) throw invalid();
      // However recently it was used, a session ends SESSION_MAX_AGE_DAYS after its sign-in.
      if (row.sessionStartedAt.getTime() + this.config.SESSION_MAX_AGE_DAYS * DAY_MS <= Date.now()) {
        return { ended: true as const };
      }
      if (row.usedAt) {
        await this.refreshTokens.revokeFamily(manager, row.familyId, 'reuse_detected');
        return { reused: true as const };
      }
      const user = await this.users.find(row.userId, manager);
      if (user?.status !== 'active') throw invalid();
      await this.refreshTokens.markUsed(manager, row.id);
      return {
        reused: false as const,
        userId: row.userId,
        pair: await this.issueInFamily(manager, user, row.familyId, row.sessionStartedAt),
      };
    });
    // The revocation above is committed before the client hears about it.
    if ('ended' in outcome)
      throw new DomainException('UNAUTHENTICATED', errorMessage('UNAUTHENTICATED:session_too_old'));
    if (outcome.reused) throw new DomainException('UNAUTHENTICATED', errorMessage('UNAUTHENTICATED:refresh_reused'));
    return { userId: outcome.userId, pair: outcome.pair };
  }

  /** Ends the session the token belongs to. Unknown tokens are ignored: logout always succeeds. */
  async revoke(token: string): Promise<string | null> {
    const parts = splitToken(token);
    if (!parts) return null;
    return this.dataSource.transaction(async (manager) => {
      const row = await this.refreshTokens.find(manager, parts.id);
      if (!row || !timingSafeEqual(Buffer.from(row.tokenHash), Buffer.from(sha256(parts.secret)))) return null;
      await this.refreshTokens.revokeFamily(manager, row.familyId, 'logout');
      return row.userId;
    });
  }

  /** Ends every session of a user (password change, account disabled). */
  revokeAllOfUser(manager: EntityManager, userId: string, reason: string): Promise<void> {
    return this.refreshTokens.revokeAllOfUser(manager, userId, reason);
  }

  verifyAccess(token: string): AccessTokenPayload {
    return this.jwt.verify<AccessTokenPayload>(token);
  }

  private async issueInFamily(
    manager: EntityManager,
    user: Pick<UserEntity, 'id' | 'role' | 'sessionVersion'>,
    familyId: string,
    sessionStartedAt: Date,
  ): Promise<TokenPair> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const idleEnd = Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * DAY_MS;
    const absoluteEnd = sessionStartedAt.getTime() + this.config.SESSION_MAX_AGE_DAYS * DAY_MS;
    await this.refreshTokens.insert(manager, {
      id,
      familyId,
      userId: user.id,
      tokenHash: sha256(secret),
      sessionStartedAt,
      expiresAt: new Date(Math.min(idleEnd, absoluteEnd)),
      usedAt: null,
      revokedAt: null,
      revokeReason: null,
    });
    const payload: AccessTokenPayload = { sub: user.id, role: user.role, sv: user.sessionVersion, sid: familyId };
    return {
      accessToken: await this.jwt.signAsync(payload),
      refreshToken: `${id}.${secret}`,
      tokenType: 'Bearer',
      expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
    };
  }
}
