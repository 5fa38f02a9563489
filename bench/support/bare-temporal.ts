import { Client, Connection } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { join } from 'node:path';
import { dataConverterFor } from '../../src/temporal/data-converter';
import { shapedActivities } from '../workflows/shaped.workflow';
import type { BenchStack } from './stack';

/**
 * The bare-Temporal side of a bench, on the stack's dev server: a worker for the bench's own
 * workflows (no-op, shaped) on a queue of its own, and a raw client as a caller would use.
 */
export interface BareTemporal {
  client: Client;
  taskQueue: string;
  stop(): Promise<void>;
}

export async function startBareTemporal(
  stack: BenchStack,
  runId: string,
  /** More activities for the bench's workflows (the SQL floor's writes). */
  activities: Record<string, (...args: never[]) => Promise<unknown>> = {},
): Promise<BareTemporal> {
  const { TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE } = stack.config;
  const taskQueue = `bench-noop-${runId}`;
  // The same payload codec as the service's, so the baseline pays the same sealing cost.
  const dataConverter = dataConverterFor(stack.config);
  const worker = await Worker.create({
    connection: stack.temporal.nativeConnection,
    namespace: TEMPORAL_NAMESPACE,
    taskQueue,
    workflowsPath: join(__dirname, '..', 'workflows'),
    activities: { ...shapedActivities, ...activities },
    dataConverter,
  });
  const running = worker.run();
  const connection = await Connection.connect({ address: TEMPORAL_ADDRESS });
  return {
    client: new Client({ connection, namespace: TEMPORAL_NAMESPACE, dataConverter }),
    taskQueue,
    async stop() {
      await connection.close();
      worker.shutdown();
      await running;
    },
  };
}
