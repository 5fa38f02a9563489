import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { appendAudit } from '../audit/audit-log';
import { UserDirectory } from '../auth/user-directory';
import { notFound } from '../common/domain-error';
import type { Actor } from '../core/contracts/roles';
import {
  JURISDICTION_LEVEL,
  jurisdictionMismatch,
  type CreateUser,
  type UpdateUser,
  type UserListQuery,
} from '../core/contracts/user';
import { Prisma, PrismaClient } from '../prisma/prisma-client';
import { UserRepository, type ShownUser } from './user.repository';
import { refuse, refusal } from '../common/refusals';

const fieldError = (path: string, message: string, code = 'invalid_value') =>
  refusal('VALIDATION_FAILED', '请求内容校验未通过', [{ path, code, message }]);

/** Staff accounts: created, re-roled, disabled and enabled by the security administrator (三员分立), each change on the audit trail. */
@Injectable()
export class UserService {
  constructor(
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(UserDirectory) private readonly directory: UserDirectory,
  ) {}

  async list(q: UserListQuery) {
    const rows = await this.users.page(q);
    const items = rows.slice(0, q.limit);
    return { items, nextCursor: rows.length > q.limit ? items[items.length - 1]!.username : null };
  }

  async create(actor: Actor, body: CreateUser, requestId: string): Promise<ShownUser> {
    await this.assertDivision(body.role, body.jurisdictionCode);
    const id = randomUUID();
    try {
      return await this.prisma.$transaction(async (tx) => {
        if (actor.role === 'ADMINISTRATOR') await this.assertHandover(tx, body);
        const user = await this.users.create(tx, {
          id,
          username: body.username,
          displayName: body.displayName,
          role: body.role,
          jurisdictionCode: body.jurisdictionCode,
          department: body.department ?? null,
        });
        await appendAudit(tx, {
          actorId: actor.userId,
          role: actor.role,
          action: 'USER_CREATED',
          targetType: 'User',
          targetId: id,
          requestId,
          details: {
            username: body.username,
            role: body.role,
            jurisdictionCode: body.jurisdictionCode,
            department: body.department ?? null,
          },
        });
        return user;
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        refuse('USERNAME_TAKEN', `用户名 ${body.username} 已被使用`, [
          { path: 'username', code: 'duplicate', message: '用户名已存在' },
        ]);
      }
      throw error;
    }
  }

  /**
   * 三员分立 on an installation that had only a system administrator: while no security
   * administrator is enabled, the system administrator may create one (and nothing else), so
   * accounts are never left without a manager; after that, accounts are the security
   * administrator's alone. Serialised so two concurrent handovers cannot both pass.
   */
  private async assertHandover(tx: Prisma.TransactionClient, body: CreateUser): Promise<void> {
    const enabled = await this.users.enabledSecurityAdministrators(tx);
    if (enabled > 0 || body.role !== 'SECURITY_ADMINISTRATOR')
      refuse(
        'ROLE_NOT_ALLOWED',
        enabled > 0
          ? '账户和角色由安全管理员管理（三员分立），系统管理员不能创建或变更账户'
          : '尚无安全管理员：系统管理员只能先创建一名安全管理员，其余账户由其管理（三员分立）',
      );
  }

  /** The resulting role, jurisdiction and department must fit together; an administrator cannot lock themselves out. */
  async update(actor: Actor, id: string, body: UpdateUser, requestId: string): Promise<ShownUser> {
    const current = await this.users.findShown(id);
    if (!current) throw notFound('用户', id);
    const role = body.role ?? current.role;
    const jurisdictionCode = body.jurisdictionCode ?? current.jurisdictionCode;
    const department =
      role !== 'DEPARTMENT_LIAISON' && body.department === undefined
        ? null
        : body.department !== undefined
          ? body.department
          : current.department;
    const disabled = body.disabled ?? current.disabled;
    if (id === actor.userId && (disabled || role !== current.role || jurisdictionCode !== current.jurisdictionCode)) {
      refuse('CANNOT_CHANGE_OWN_ACCESS', '不能停用自己的账户，也不能更改自己的角色或辖区；请由另一位安全管理员操作');
    }
    if (role === 'DEPARTMENT_LIAISON' && !department) throw fieldError('department', '部门联络员须填写所属部门');
    if (role !== 'DEPARTMENT_LIAISON' && department) throw fieldError('department', '仅部门联络员填写所属部门');
    if (role !== current.role || jurisdictionCode !== current.jurisdictionCode)
      await this.assertDivision(role, jurisdictionCode);
    const next = { displayName: body.displayName ?? current.displayName, role, jurisdictionCode, department, disabled };
    const changes = Object.fromEntries(
      (Object.keys(next) as Array<keyof typeof next>)
        .filter((k) => next[k] !== current[k])
        .map((k) => [k, { from: current[k], to: next[k] }]),
    );
    if (Object.keys(changes).length === 0) return current;
    const updated = await this.prisma.$transaction(async (tx) => {
      const user = await this.users.update(tx, id, next);
      await appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: 'USER_UPDATED',
        targetType: 'User',
        targetId: id,
        requestId,
        details: { changes },
      });
      return user;
    });
    this.directory.forget(id);
    return updated;
  }

  private async assertDivision(role: CreateUser['role'], code: string): Promise<void> {
    const mismatch = jurisdictionMismatch(role, code);
    if (mismatch) throw fieldError('jurisdictionCode', mismatch);
    const division = await this.users.divisionLevel(code);
    if (division?.level !== JURISDICTION_LEVEL[role])
      throw fieldError('jurisdictionCode', `区划 ${code} 不存在或不是该角色所需的层级`, 'unknown_division');
  }
}
