import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '@qualcert/shared';
import { AccessTokenVerifier } from './access-token.verifier';
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
    private readonly verifier: AccessTokenVerifier,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A key object, made once: given a string, jsonwebtoken tries it as a public key on every
      // request first (docs/PERFORMANCE.md has what that cost).
      secretOrKey: createSecretKey(Buffer.from(config.JWT_SECRET)) as unknown as string,
      algorithms: ['HS256'],
    });
  }

  validate(payload: AccessTokenPayload): Promise<Actor> {
    return this.verifier.actorOf(payload);
  }
}
