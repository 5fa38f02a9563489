import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Actor, Role } from '../core/contracts/roles';
import { PUBLIC_EXTENSION, ROLES_EXTENSION } from '../openapi/finish-document';

export const PUBLIC_KEY = 'safetynet:public';
export const ROLES_KEY = 'safetynet:roles';
export const DENIED_KEY = 'safetynet:denied';

/** No token needed: health, docs, the dev token endpoint. Marked in the OpenAPI document too (no security, no 401/403). */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension(PUBLIC_EXTENSION, true));
/** Only these roles may call the endpoint; jurisdiction is checked by the use case. Listed in the OpenAPI document as x-roles. */
export const Roles = (...roles: Role[]) =>
  applyDecorators(SetMetadata(ROLES_KEY, roles), ApiExtension(ROLES_EXTENSION, roles));

/** A role refused on an endpoint every other role may call, with the reason it is told (403). */
export interface Denial {
  role: Role;
  code: string;
  message: string;
}
/**
 * Department liaisons see what is referred to their department (一事一议 opinions, follow-ups
 * on measures); until case referrals to departments exist, no case, household or emergency case.
 */
export const NotForDepartmentLiaisons = () =>
  SetMetadata(DENIED_KEY, {
    role: 'DEPARTMENT_LIAISON',
    code: 'NOT_REFERRED_TO_DEPARTMENT',
    message:
      '部门联络员只能查看提请本部门的事项（一事一议意见、救助措施反馈）；案件、家庭和急难救助案件未转介给部门，不能查看',
  } satisfies Denial);

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<{ actor: Actor }>().actor;
});

export const RequestId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  return String(ctx.switchToHttp().getRequest<{ id: string }>().id);
});
