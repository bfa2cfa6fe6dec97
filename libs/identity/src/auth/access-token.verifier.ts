import { Injectable } from '@nestjs/common';
import { DomainException } from '@qualcert/shared';
import { AccessRepository } from '../access/access.repository';
import type { Actor } from './actor';
import { AccessTokenPayload, TokenService } from './token.service';

/**
 * Turns a verified access token into the actor, read fresh from the database, so that a disabled
 * account or a changed password takes effect at once. Shared by the API's guard and by routes
 * outside Nest's pipeline (the queue dashboard).
 */
@Injectable()
export class AccessTokenVerifier {
  constructor(
    private readonly access: AccessRepository,
    private readonly tokens: TokenService,
  ) {}

  async actorOf(payload: AccessTokenPayload): Promise<Actor> {
    const row = typeof payload.sub === 'string' ? await this.access.findActor(payload.sub) : null;
    if (!row || row.status !== 'active' || row.sessionVersion !== payload.sv) {
      throw new DomainException('UNAUTHENTICATED', 'The access token is no longer valid');
    }
    return { userId: row.id, role: row.role, centreIds: row.centreIds };
  }

  /** Verifies the signature (HS256 only) and expiry, then loads the actor. */
  async verify(token: string): Promise<Actor> {
    let payload: AccessTokenPayload;
    try {
      payload = this.tokens.verifyAccess(token);
    } catch {
      throw new DomainException('UNAUTHENTICATED', 'The access token is not valid');
    }
    return this.actorOf(payload);
  }
}
