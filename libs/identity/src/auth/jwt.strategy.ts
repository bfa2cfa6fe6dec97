import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig, DomainException } from '@qualcert/shared';
import { AccessRepository } from '../access/access.repository';
import type { Actor } from './actor';
import type { AccessTokenPayload } from './token.service';

/**
 * Verifies the bearer token and loads the actor fresh from the database on every request, so a
 * disabled account or a changed password takes effect at once, not when the token expires.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly access: AccessRepository,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.JWT_SECRET,
      algorithms: ['HS256'],
    });
  }

  async validate(payload: AccessTokenPayload): Promise<Actor> {
    const row = typeof payload.sub === 'string' ? await this.access.findActor(payload.sub) : null;
    if (!row || row.status !== 'active' || row.sessionVersion !== payload.sv) {
      throw new DomainException('UNAUTHENTICATED', 'The access token is no longer valid');
    }
    return { userId: row.id, role: row.role, centreIds: row.centreIds };
  }
}
