import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Actor, Role } from '../contracts/roles';

export const PUBLIC_KEY = 'safetynet:public';
export const ROLES_KEY = 'safetynet:roles';
export const DENIED_KEY = 'safetynet:denied';

/** No token needed: health, docs, the dev token endpoint. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** Only these roles may call the endpoint; jurisdiction is checked by the use case. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

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
    message: '部门联络员只能查看提请本部门的事项（一事一议意见、救助措施反馈）；案件、家庭和急难救助案件未转介给部门，不能查看',
  } satisfies Denial);

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<{ actor: Actor }>().actor;
});

export const RequestId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  return String(ctx.switchToHttp().getRequest<{ id: string }>().id);
});
