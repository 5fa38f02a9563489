import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError } from '../common/domain-error';
import { ROLE_NAMES_ZH, type Actor, type Role } from '../core/contracts/roles';
import { DENIED_KEY, PUBLIC_KEY, ROLES_KEY, type Denial } from './decorators';
import { TokenError, TokenVerifier } from './token-verifier';
import { UserDirectory } from './user-directory';
import { LoginLockout } from './login-lockout';
import { SessionActivity } from './session-activity';
import { clientOf } from '../common/client';
import { refuse } from '../common/refusals';

/** A session that may not go on: its refusal (the Chinese message is the registry's, src/core/refusals.ts). */
const SESSION_REFUSALS = { IDLE: 'SESSION_IDLE', ENDED: 'SESSION_ENDED', TOO_OLD: 'SESSION_TOO_OLD' } as const;

const SEPARATED: ReadonlySet<Role> = new Set<Role>(['SECURITY_ADMINISTRATOR', 'AUDIT_ADMINISTRATOR']);
const SEPARATED_DUTY_ZH: Partial<Record<Role, string>> = {
  SECURITY_ADMINISTRATOR: '管理账户和角色',
  AUDIT_ADMINISTRATOR: '查阅和核验审计日志',
};

/**
 * Global guard: a valid bearer token of a known, enabled user whose role and jurisdiction are
 * still those of the token, on every non-public route; then the route's roles.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    @Inject(UserDirectory) private readonly users: UserDirectory,
    @Inject(LoginLockout) private readonly lockout: LoginLockout,
    @Inject(SessionActivity) private readonly sessions: SessionActivity,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const header = req.headers.authorization ?? '';
    const match = /^Bearer (\S+)$/i.exec(header);
    if (!match) refuse('TOKEN_MISSING', '缺少登录凭证（Authorization: Bearer <令牌>）');
    const client = clientOf(req);
    let issuedAt: number | undefined;
    try {
      ({ actor: req.actor, issuedAt } = await this.verifier.verify(match[1]!));
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      // A token that does not verify is a failed sign-in (an expired one is not: it was good).
      if (error.code === 'TOKEN_INVALID') this.lockout.fail(client);
      const locked = this.lockout.lockedMinutes(client);
      if (locked > 0) refuse('LOGIN_LOCKED', `登录失败次数过多，请 ${locked} 分钟后再试`);
      throw new DomainError(401, error.code, error.message);
    }
    const user = await this.users.find(req.actor.userId);
    if (!user) refuse('USER_UNKNOWN', '登录凭证对应的用户不存在，请联系系统管理员');
    if (user.disabled) refuse('USER_DISABLED', '该用户已被停用，请联系系统管理员');
    if (user.role !== req.actor.role || user.jurisdictionCode !== req.actor.jurisdiction) {
      refuse('USER_CHANGED', '您的角色或辖区已变更，请重新登录');
    }
    const session = await this.sessions.use(match[1]!, req.actor.userId, issuedAt);
    if (session !== 'ACTIVE') refuse(SESSION_REFUSALS[session]);
    if (user.role === 'DEPARTMENT_LIAISON') req.actor.department = user.department ?? null;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    // 三员分立: the security and audit administrators act only where a route names them (no
    // case, household or task data); a route without a role list is the staff's.
    if (SEPARATED.has(req.actor.role) && !roles?.includes(req.actor.role)) {
      refuse(
        'ROLE_NOT_ALLOWED',
        `${ROLE_NAMES_ZH[req.actor.role]}只能${SEPARATED_DUTY_ZH[req.actor.role]}（三员分立）`,
      );
    }
    if (roles && !roles.includes(req.actor.role)) {
      refuse(
        'ROLE_NOT_ALLOWED',
        `${ROLE_NAMES_ZH[req.actor.role]}无权执行此操作（需要：${roles.map((r) => ROLE_NAMES_ZH[r]).join('、')}）`,
      );
    }
    const denial = this.reflector.getAllAndOverride<Denial | undefined>(DENIED_KEY, targets);
    if (denial?.role === req.actor.role) throw new DomainError(403, denial.code, denial.message);
    return true;
  }
}
