import { TestWorkflowEnvironment } from '@temporalio/testing';
import { executable, temporalBinary } from './temporal-binaries';

/**
 * The Java time-skipping test server. The SDK gives the JVM five seconds to listen, which a
 * busy 2-core machine sometimes misses: a start that timed out is tried again, twice.
 */
export async function startTimeSkipping(): Promise<TestWorkflowEnvironment> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping({
        server: { executable: executable(temporalBinary('test-server')) },
      });
    } catch (error) {
      if (attempt >= 3 || !/did not start within/.test(String(error))) throw error;
    }
  }
}
