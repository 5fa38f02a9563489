import { randomUUID } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { AppConfig } from '../config/config';
import { Role, type Actor } from '../core/contracts/roles';

const Claims = z.object({
  sub: z.string().min(1),
  /** Issued at (seconds): the session's start, for its maximum lifetime. */
  iat: z.number().optional(),
  role: Role,
  jurisdiction: z.string().regex(/^\d{6}(\d{3})?(\d{3})?$/),
});

export class TokenError extends Error {
  constructor(
    readonly code: 'TOKEN_MISSING' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED',
    message: string,
  ) {
    super(message);
  }
}

/** Verifies bearer JWTs by a configured JWKS (production IdP) or a shared HS256 secret. */
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;

  constructor(
    private readonly config: Pick<AppConfig, 'AUTH_JWT_SECRET' | 'AUTH_JWKS_URL' | 'AUTH_ISSUER' | 'AUTH_AUDIENCE'>,
  ) {
    this.key = config.AUTH_JWKS_URL
      ? createRemoteJWKSet(new URL(config.AUTH_JWKS_URL))
      : new TextEncoder().encode(config.AUTH_JWT_SECRET);
  }

  /** The token's actor and when it was issued (ms; absent when the token does not say). */
  async verify(token: string): Promise<{ actor: Actor; issuedAt?: number }> {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, this.key as Uint8Array, {
        issuer: this.config.AUTH_ISSUER,
        audience: this.config.AUTH_AUDIENCE,
      }));
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ERR_JWT_EXPIRED') throw new TokenError('TOKEN_EXPIRED', '登录凭证已过期，请重新登录');
      throw new TokenError('TOKEN_INVALID', '登录凭证无效');
    }
    const claims = Claims.safeParse(payload);
    if (!claims.success) throw new TokenError('TOKEN_INVALID', '登录凭证缺少用户、角色或辖区信息');
    const actor = { userId: claims.data.sub, role: claims.data.role, jurisdiction: claims.data.jurisdiction };
    return claims.data.iat === undefined ? { actor } : { actor, issuedAt: claims.data.iat * 1000 };
  }
}

/** Issues HS256 tokens; used by the dev token endpoint and the tests. */
export async function signToken(
  config: Pick<AppConfig, 'AUTH_JWT_SECRET' | 'AUTH_ISSUER' | 'AUTH_AUDIENCE'>,
  actor: Actor,
  expiresIn: string | number = '8h',
): Promise<string> {
  if (!config.AUTH_JWT_SECRET) throw new Error('AUTH_JWT_SECRET 未设置，无法签发令牌');
  return (
    new SignJWT({ role: actor.role, jurisdiction: actor.jurisdiction })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(actor.userId)
      .setIssuer(config.AUTH_ISSUER)
      .setAudience(config.AUTH_AUDIENCE)
      .setIssuedAt()
      // Each token its own session (two sign-ins in one second must not share one).
      .setJti(randomUUID())
      .setExpirationTime(expiresIn)
      .sign(new TextEncoder().encode(config.AUTH_JWT_SECRET))
  );
}
