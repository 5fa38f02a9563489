import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { README_APPLICATION_EXAMPLE, SubmitApplication } from '../../src/contracts/application';

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
});
