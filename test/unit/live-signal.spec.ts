import type { Actor } from '../../src/core/contracts/roles';
import { parseSignal, reaches, type LiveSignal } from '../../src/live/live-signal';
import { notificationText } from '../../src/notifications/notification-messages';

// Who an event stream tells about a database signal: the inbox rule for tasks, the addressee for notifications.

const caseworker: Actor = { userId: 'cw', role: 'TOWNSHIP_CASEWORKER', jurisdiction: '410502002' };
const liaison: Actor = {
  userId: 'li',
  role: 'DEPARTMENT_LIAISON',
  jurisdiction: '410502',
  department: 'MEDICAL_INSURANCE',
};
const task = (over: Partial<Extract<LiveSignal, { topic: 'task' }>> = {}): LiveSignal => ({
  topic: 'task',
  id: 't1',
  kind: 'TASK_OPENED',
  role: 'TOWNSHIP_CASEWORKER',
  jurisdiction: '410502002',
  department: null,
  assignee: null,
  previousAssignee: null,
  ...over,
});

describe('live signals', () => {
  it('reach the holders of the task role whose jurisdiction covers it, and no one else', () => {
    expect(reaches(caseworker, task())).toBe(true);
    expect(reaches(caseworker, task({ jurisdiction: '410502001' }))).toBe(false);
    expect(reaches(caseworker, task({ role: 'COUNTY_OFFICER', jurisdiction: '410502' }))).toBe(false);
    expect(reaches({ ...caseworker, jurisdiction: '410502001' }, task())).toBe(false);
  });

  it('reach the person a task was given to or taken from, whatever its role', () => {
    expect(reaches(caseworker, task({ role: 'COUNTY_OFFICER', jurisdiction: '410502', assignee: 'cw' }))).toBe(true);
    expect(reaches(caseworker, task({ role: 'COUNTY_OFFICER', jurisdiction: '410502', previousAssignee: 'cw' }))).toBe(
      true,
    );
  });

  it("reach a liaison with their department's tasks and those of no department only", () => {
    const referral = task({ role: 'DEPARTMENT_LIAISON', jurisdiction: '410502', department: 'MEDICAL_INSURANCE' });
    expect(reaches(liaison, referral)).toBe(true);
    expect(reaches(liaison, { ...referral, department: 'EDUCATION' } as LiveSignal)).toBe(false);
    expect(reaches(liaison, { ...referral, department: null } as LiveSignal)).toBe(true);
  });

  it('reach the addressee of a notification: the user named, or the role within the jurisdiction', () => {
    const toUser: LiveSignal = {
      topic: 'notification',
      id: 'n1',
      kind: 'TASK_REMINDER',
      userId: 'cw',
      role: null,
      jurisdiction: null,
      department: null,
    };
    expect(reaches(caseworker, toUser)).toBe(true);
    expect(reaches({ ...caseworker, userId: 'cw2' }, toUser)).toBe(false);
    const toRole: LiveSignal = { ...toUser, userId: null, role: 'TOWNSHIP_CASEWORKER', jurisdiction: '410502002' };
    expect(reaches({ ...caseworker, userId: 'cw2' }, toRole)).toBe(true);
    expect(reaches({ ...caseworker, jurisdiction: '410502001' }, toRole)).toBe(false);
  });

  it('ignore a payload that is not one of ours', () => {
    expect(parseSignal('not json')).toBeNull();
    expect(parseSignal('{"topic":"other","id":"x"}')).toBeNull();
    expect(parseSignal(undefined)).toBeNull();
    expect(parseSignal(JSON.stringify(task()))).toEqual(task());
  });

  it('word notifications in Chinese without a name or an ID number, with the due date in China time', () => {
    const due = new Date('2026-12-09T17:00:00Z'); // 2026-12-10 01:00 in China
    for (const kind of ['TASK_OPENED', 'TASK_ASSIGNED', 'TASK_REMINDER', 'ESCALATION'] as const) {
      const text = notificationText(kind, due);
      expect(text).toMatch(/^【社会救助】/);
      expect(text).toContain('2026-12-10');
      expect(text).not.toMatch(/\d{17}[\dXx]/);
    }
    expect(notificationText('TASK_OPENED', null)).not.toContain('期限');
  });
});
