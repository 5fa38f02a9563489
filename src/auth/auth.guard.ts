import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError } from '../common/domain-error';
import { ROLE_NAMES_ZH, type Actor, type Role } from '../contracts/roles';
import { PUBLIC_KEY, ROLES_KEY } from './decorators';
import { TokenError, TokenVerifier } from './token-verifier';

/** Global guard: a valid bearer token on every non-public route, then the route's roles. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const header = req.headers.authorization ?? '';
    const match = /^Bearer (\S+)$/i.exec(header);
    if (!match) throw new DomainError(401, 'TOKEN_MISSING', '缺少登录凭证（Authorization: Bearer <令牌>）');
    try {
      req.actor = await this.verifier.verify(match[1]!);
    } catch (error) {
      if (error instanceof TokenError) throw new DomainError(401, error.code, error.message);
      throw error;
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(req.actor.role)) {
      throw new DomainError(403, 'ROLE_NOT_ALLOWED', `${ROLE_NAMES_ZH[req.actor.role]}无权执行此操作（需要：${roles.map((r) => ROLE_NAMES_ZH[r]).join('、')}）`);
    }
    return true;
  }
}
