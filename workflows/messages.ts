import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Acting, DeterminationAction, DeterminationState } from '../src/contracts/determination';

// Every message is defined once here and shared by the API, the worker and the tests.

export const determinationStateQuery = defineQuery<DeterminationState>('determinationState');

/** Every staff decision on a determination case; the validator refuses wrong stage, role, jurisdiction or task. */
export const actUpdate = defineUpdate<DeterminationState, [Acting<DeterminationAction>]>('act');

/** An objection from the public during publicity (anonymous allowed). */
export const lodgeObjectionUpdate = defineUpdate<{ round: number }, [{ text: string; contact?: string }]>('lodgeObjection');
