import type { ActorRef } from '../../src/core/contracts/determination';

// The staff of workflow tests: all in 文峰区 (410502), the household in village 410502002001.
export const village: ActorRef = { userId: 'u-village', role: 'VILLAGE_ASSISTANT', jurisdiction: '410502002001' };
export const caseworker: ActorRef = { userId: 'u-caseworker', role: 'TOWNSHIP_CASEWORKER', jurisdiction: '410502002' };
export const officer: ActorRef = { userId: 'u-officer', role: 'COUNTY_OFFICER', jurisdiction: '410502' };
export const supervisor: ActorRef = { userId: 'u-supervisor', role: 'COUNTY_SUPERVISOR', jurisdiction: '410502' };
