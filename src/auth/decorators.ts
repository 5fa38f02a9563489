import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Actor, Role } from '../contracts/roles';

export const PUBLIC_KEY = 'safetynet:public';
export const ROLES_KEY = 'safetynet:roles';

/** No token needed: health, docs, the dev token endpoint. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** Only these roles may call the endpoint; jurisdiction is checked by the use case. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<{ actor: Actor }>().actor;
});

export const RequestId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  return String(ctx.switchToHttp().getRequest<{ id: string }>().id);
});
