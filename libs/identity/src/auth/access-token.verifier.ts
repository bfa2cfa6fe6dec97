import { Injectable } from '@nestjs/common';
import { DomainException, errorMessage } from '@qualcert/shared';
import { AccessRepository } from '../access/access.repository';
import type { Actor } from './actor';
import { AccessTokenPayload, TokenService } from './token.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Turns a verified access token into the actor, read fresh from the database, so that a disabled
 * account, a changed password or an ended session (logout, refresh-token reuse) takes effect at
 * once, not when the token expires. Shared by the API's guard and by routes
 * outside Nest's pipeline (the queue dashboard).
 */
@Injectable()
export class AccessTokenVerifier {
  constructor(
    private readonly access: AccessRepository,
    private readonly tokens: TokenService,
  ) {}

  async actorOf(payload: AccessTokenPayload): Promise<Actor> {
    const readable = typeof payload.sub === 'string' && typeof payload.sid === 'string' && UUID.test(payload.sid);
    const row = readable ? await this.access.findActor(payload.sub, payload.sid) : null;
    if (!row || row.status !== 'active' || row.sessionVersion !== payload.sv || row.sessionEnded) {
      throw new DomainException('UNAUTHENTICATED', errorMessage('UNAUTHENTICATED:token_invalid'));
    }
    return { userId: row.id, role: row.role, centreIds: row.centreIds };
  }

  /** Verifies the signature (HS256 only) and expiry, then loads the actor. */
  async verify(token: string): Promise<Actor> {
    let payload: AccessTokenPayload;
    try {
      payload = this.tokens.verifyAccess(token);
    } catch {
      throw new DomainException('UNAUTHENTICATED', errorMessage('UNAUTHENTICATED:token_invalid'));
    }
    return this.actorOf(payload);
  }
}
