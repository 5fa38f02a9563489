import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Connection } from '@temporalio/client';
import type { Response } from 'express';
import { Public } from '../auth/decorators';
import { PrismaClient } from '../prisma/prisma-client';
import { TEMPORAL_PROBE } from '../temporal/temporal.module';
import { ApiOk } from '../openapi/decorators';
import * as R from '../openapi/responses';

type Check = { status: 'up' } | { status: 'down'; error: string };

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`超时（${ms} ms）`)), ms).unref()),
  ]);

async function check(probe: () => Promise<unknown>): Promise<Check> {
  try {
    await withTimeout(probe(), 3000);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  }
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(TEMPORAL_PROBE) private readonly temporal: Connection,
  ) {}

  /** 200 when PostgreSQL and Temporal both answer, else 503 naming the one that is down. */
  @Get()
  @Public()
  @ApiOk(R.Health)
  @ApiOk(R.Health, { status: 503, description: '依赖的服务不可用（见 checks）' })
  async health(@Res({ passthrough: true }) res: Response) {
    const [database, temporal] = await Promise.all([
      check(() => this.prisma.$queryRaw`SELECT 1`),
      check(() => this.temporal.withDeadline(Date.now() + 2500, () => this.temporal.workflowService.getSystemInfo({}))),
    ]);
    const ok = database.status === 'up' && temporal.status === 'up';
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', checks: { database, temporal } };
  }
}
