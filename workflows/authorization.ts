import { ApplicationFailure } from '@temporalio/workflow';
import type { ActorRef } from '../src/contracts/determination';
import type { Role } from '../src/contracts/roles';

// Validators refuse with a typed, non-retryable failure; the API maps the type to 403/409.

export function refuse(type: string, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

export function requireRole(actor: ActorRef, ...roles: Role[]): void {
  if (!roles.includes(actor.role)) refuse('ROLE_NOT_ALLOWED', `角色 ${actor.role} 不能执行此操作`);
}

/** The actor's jurisdiction (county or township code) must contain the case's township. */
export function requireJurisdiction(actor: ActorRef, townshipCode: string): void {
  const j = actor.jurisdiction;
  const prefix = j.length === 6 && j.endsWith('00') ? j.replace(/(00)+$/, '') : j;
  if (!townshipCode.startsWith(prefix)) refuse('OUT_OF_JURISDICTION', `本案件不在您的辖区（${j}）内`);
}
