import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { README_APPLICATION_EXAMPLE, SubmitApplication } from '../../src/core/contracts/application';
import { DeterminationAction } from '../../src/core/contracts/determination';
import { stepOf } from '../../src/tasks/task-actions';
import { README_TASK_STEPS } from '../support/readme-steps';

// The e2e tests follow the README's example word for word through README_APPLICATION_EXAMPLE:
// this keeps the two the same, and the example valid.
describe("the README's example application", () => {
  it('is the body the README posts, and passes validation', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const body = /curl -s -X POST localhost:3000\/api\/v1\/applications[^]*?-d '([^']+)'/.exec(readme)?.[1];
    expect(body).toBeDefined();
    expect(JSON.parse(body!)).toEqual(README_APPLICATION_EXAMPLE);
    expect(SubmitApplication.safeParse(README_APPLICATION_EXAMPLE).success).toBe(true);
  });

  it('then takes the task steps the e2e test follows, each body as the README shows it, in order', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8').replace(/\s*\n\s*/g, ' ');
    let from = readme.indexOf('Then, as `township.caseworker`');
    expect(from).toBeGreaterThan(0);
    for (const { type, body } of README_TASK_STEPS) {
      const typeAt = readme.indexOf(type, from);
      const bodyAt = readme.indexOf(`${JSON.stringify(body)}\``, from);
      expect({ type, typeAt: typeAt >= from, bodyAt: bodyAt >= from }).toEqual({ type, typeAt: true, bodyAt: true });
      from = Math.max(typeAt, bodyAt);
      // A valid body, for the task it completes.
      expect(DeterminationAction.safeParse(body).success).toBe(true);
      expect(stepOf(type)?.actions).toContain(body.action);
    }
    expect(readme.indexOf('REVIEW', from)).toBeGreaterThan(from);
  });
});
