import { writeFileSync } from 'node:fs';
import request from 'supertest';
import { startStack, type Stack } from '../support/stack';

describe('dump', () => {
  let stack: Stack;
  beforeAll(async () => { stack = await startStack(); });
  afterAll(() => stack?.stop());
  it('dumps', async () => {
    const doc = (await request(stack.app.getHttpServer()).get('/docs/openapi.json').expect(200)).body as { paths: Record<string, Record<string, { deprecated?: boolean }>> };
    const ops = Object.entries(doc.paths).flatMap(([p, item]) => Object.entries(item).map(([m, op]) => `${m.toUpperCase()} ${p}${op.deprecated ? ' (deprecated)' : ''}`)).sort();
    writeFileSync(process.env.DUMP_TO ?? '/tmp/routes/ops.txt', ops.join('\n') + '\n');
    writeFileSync((process.env.DUMP_TO ?? '/tmp/routes/ops.txt') + '.json', JSON.stringify(doc, null, 1));
  });
});
