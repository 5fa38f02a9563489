import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AcceptCommand, Acting, DeterminationState } from '../src/contracts/determination';

// Every message is defined once here and shared by the API, the worker and the tests.
export const determinationStateQuery = defineQuery<DeterminationState>('determinationState');
export const acceptUpdate = defineUpdate<DeterminationState, [Acting<AcceptCommand>]>('accept');
