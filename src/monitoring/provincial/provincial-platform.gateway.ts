import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../prisma/prisma-client';

/** One dataset of a submission, as the file that leaves (CSV of docs/data-exchange.md's layout). */
export interface ProvincialFile {
  dataset: 'POPULATION' | 'WARNINGS';
  fileName: string;
  rowCount: number;
  sha256: string;
  content: string;
}

export interface ProvincialSubmission {
  submissionId: string;
  countyCode: string;
  /** YYYY-MM. */
  period: string;
  submittedBy: string;
  files: readonly ProvincialFile[];
}

/**
 * Where a county's data goes up to the provincial platform (河南省低收入人口动态监测信息平台,
 * 逐级上传). Submitting must be idempotent by submissionId and dataset: a retry hands the same
 * files over again. A direct connection to the platform implements the same interface.
 */
export interface ProvincialPlatformGateway {
  submit(submission: ProvincialSubmission): Promise<{ channel: string }>;
}

export const PROVINCIAL_PLATFORM_GATEWAY = Symbol('PROVINCIAL_PLATFORM_GATEWAY');

/**
 * The embedded gateway: records each file in `provincial_submission` instead of sending it, so
 * staff and the tests can see what would have gone up.
 */
export class EmbeddedProvincialPlatformGateway implements ProvincialPlatformGateway {
  constructor(private readonly prisma: PrismaClient) {}

  async submit(s: ProvincialSubmission): Promise<{ channel: string }> {
    await this.prisma.provincialSubmission.createMany({
      data: s.files.map((f) => ({
        id: randomUUID(),
        submissionId: s.submissionId,
        countyCode: s.countyCode,
        period: s.period,
        dataset: f.dataset,
        fileName: f.fileName,
        rowCount: f.rowCount,
        sha256: f.sha256,
        content: f.content,
        submittedBy: s.submittedBy,
      })),
      skipDuplicates: true,
    });
    return { channel: 'EMBEDDED' };
  }
}
