import { Controller, Get, Inject, Module, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { Roles } from '../auth/decorators';
import { AuditQuery } from '../core/contracts/audit';
import { PrismaClient } from '../prisma/prisma-client';
import { ApiOk } from '../openapi/decorators';
import { AuditPage, AuditVerification } from '../openapi/responses';
import { AuditCheckpoints } from './audit-checkpoint.starter';
import { searchAudit } from './audit-search';
import { verifyAuditTrail } from './audit-verification';

class AuditQueryDto extends createZodDto(AuditQuery) {}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(AuditCheckpoints) private readonly checkpoints: AuditCheckpoints,
  ) {}

  /** The audit trail, newest first: the audit administrator alone reads it (三员分立). */
  @Get()
  @Roles('AUDIT_ADMINISTRATOR')
  @ApiOk(AuditPage)
  search(@Query() q: AuditQueryDto) {
    return searchAudit(this.prisma, q);
  }

  /**
   * The system administrator too: the chains' state (no row) is the service's health.
   * Recomputes the hash chains (an edited or deleted row shows as broken) and compares the
   * chains' heads with the newest checkpoint kept in Temporal (the newest rows deleted show too).
   */
  @Get('verification')
  @Roles('AUDIT_ADMINISTRATOR', 'ADMINISTRATOR')
  @ApiOk(AuditVerification)
  async verify() {
    return verifyAuditTrail(this.prisma, await this.checkpoints.newest());
  }
}

@Module({ controllers: [AuditController], providers: [AuditCheckpoints] })
export class AuditModule {}
