import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Actor, Role } from '../contracts/roles';
import { PUBLIC_EXTENSION, ROLES_EXTENSION } from '../openapi/finish-document';

export const PUBLIC_KEY = 'safetynet:public';
export const ROLES_KEY = 'safetynet:roles';

/** No token needed: health, docs, the dev token endpoint. Marked in the OpenAPI document too (no security, no 401/403). */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension(PUBLIC_EXTENSION, true));
/** Only these roles may call the endpoint; jurisdiction is checked by the use case. Listed in the OpenAPI document as x-roles. */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROLES_KEY, roles), ApiExtension(ROLES_EXTENSION, roles));

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<{ actor: Actor }>().actor;
});

export const RequestId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  return String(ctx.switchToHttp().getRequest<{ id: string }>().id);
});
