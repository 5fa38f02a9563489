import {
  ActivityFailure,
  ApplicationFailure,
  CancelledFailure,
  condition,
  patched,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { IncidentScope } from '../../src/core/contracts/incident';
import type { IncidentActivities } from '../../src/incidents/incident.activities';
import { resolveIncidentUpdate } from '../../src/core/messages';
import { INCIDENT_RECORDING } from '../profiles';
import { stepNameZh } from './incident-steps';

/**
 * Since this patch an activity that fails for good (a business or data refusal, or a fault
 * past its bounded retries) raises an incident and waits for a person, instead of failing
 * the workflow. Checked once at the start: histories without the marker keep their plain
 * activities, whose promises settle a microtask earlier than guarded ones.
 */
const INCIDENTS_PATCH = 'incidents';

// The incident row is the last resort: writing it retries until the database is back.
const record = proxyActivities<IncidentActivities>(INCIDENT_RECORDING);

/** Per workflow execution (the sandbox isolates module state): where incidents are routed, and which wait for a person. */
let scope: IncidentScope | null = null;
const waiting = new Map<string, boolean>();

export interface Incidents {
  /**
   * The same activities, each call guarded (from the patch on): a failure for good becomes an
   * incident the call waits on. Refusals of the `handled` types reach the caller, which has a
   * path of its own for them (a fund refusal escalates to the supervisor).
   */
  guard<T extends object>(activities: T, handled?: readonly string[]): T;
}

/** Called once at the start of a workflow: its incidents name this case, and a person may retry them. */
export function watchIncidents(s: IncidentScope): Incidents {
  scope = s;
  const on = patched(INCIDENTS_PATCH);
  setHandler(
    resolveIncidentUpdate,
    ({ incidentId }) => {
      waiting.set(incidentId, true);
      return { incidentId, action: 'RETRY' as const };
    },
    {
      validator: ({ incidentId, action }) => {
        if (waiting.get(incidentId) !== false) {
          throw ApplicationFailure.create({
            type: 'INCIDENT_NOT_OPEN',
            message: '该事件已处理或不属于本案件，无需重试',
            nonRetryable: true,
          });
        }
        if (action !== 'RETRY')
          throw ApplicationFailure.create({
            type: 'INCIDENT_ACTION_INVALID',
            message: '流程只接受重试；结案由服务端终止流程',
            nonRetryable: true,
          });
      },
    },
  );
  return { guard: (activities, handled = []) => (on ? guarded(activities, handled) : activities) };
}

function guarded<T extends object>(activities: T, handled: readonly string[]): T {
  return new Proxy(activities, {
    get(target, name) {
      const fn: unknown = Reflect.get(target, name);
      if (typeof fn !== 'function' || typeof name !== 'string') return fn;
      return (...args: unknown[]) =>
        callGuarded(name, handled, () => (fn as (...a: unknown[]) => Promise<unknown>)(...args));
    },
  });
}

async function callGuarded<R>(step: string, handled: readonly string[], call: () => Promise<R>): Promise<R> {
  let incidentId: string | null = null;
  let occurrence = 0;
  for (;;) {
    try {
      const result = await call();
      if (incidentId !== null) await record.incidentResolved({ incidentId });
      return result;
    } catch (error) {
      // A local activity's failure arrives unwrapped (its cause itself), a regular one as an ActivityFailure.
      const failure =
        error instanceof ActivityFailure
          ? error
          : error instanceof ApplicationFailure || isTimeout(error)
            ? error
            : null;
      if (failure === null || scope === null) throw error;
      const cause = failure instanceof ActivityFailure ? failure.cause : failure;
      if (cause instanceof ApplicationFailure && cause.type != null && handled.includes(cause.type)) throw error;
      const id = (incidentId ??= uuid4());
      waiting.set(id, false);
      occurrence += 1;
      await record.raiseIncident({
        ...scope,
        incidentId: id,
        workflowId: workflowInfo().workflowId,
        step,
        occurrence,
        ...describe(step, failure),
      });
      await condition(() => waiting.get(id) === true);
      waiting.delete(id);
    }
  }
}

function isTimeout(error: unknown): error is Error {
  return error instanceof Error && !(error instanceof CancelledFailure) && error.name === 'TimeoutFailure';
}

/** The failure as a person reads it: its type as the code, the step and cause in Chinese. */
function describe(step: string, failure: Error): { errorCode: string; message: string } {
  const cause = failure instanceof ActivityFailure ? failure.cause : failure;
  const type = cause instanceof ApplicationFailure && cause.type ? cause.type : null;
  const detail = cause?.message ?? failure.message;
  const final =
    failure instanceof ActivityFailure
      ? failure.retryState === 'NON_RETRYABLE_FAILURE'
      : cause instanceof ApplicationFailure && cause.nonRetryable;
  if (final && type !== null) {
    return { errorCode: type, message: `${stepNameZh(step)}未能完成：${detail}` };
  }
  return { errorCode: 'RETRIES_EXHAUSTED', message: `${stepNameZh(step)}多次重试后仍未完成：${detail}` };
}
