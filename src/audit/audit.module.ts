import { Controller, Get, Inject, Module } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { PrismaClient } from '../prisma/prisma-client';
import { ApiOk } from '../openapi/decorators';
import { AuditVerification } from '../openapi/responses';
import { verifyAuditChain } from './audit-log';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** Recomputes the hash chain: an edited or deleted row shows as broken. */
  @Get('verification')
  @Roles('AUDITOR', 'ADMINISTRATOR')
  @ApiOk(AuditVerification)
  verify() {
    return verifyAuditChain(this.prisma);
  }
}

@Module({ controllers: [AuditController] })
export class AuditModule {}
