import { Body, Controller, Get, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { CurrentActor, RequestId, Roles } from '../auth/decorators';
import { UuidPath } from '../common/uuid-param.pipe';
import { CryptoMigrationBody } from '../core/contracts/crypto-migration';
import type { Actor } from '../core/contracts/roles';
import { ApiErrors, ApiOk } from '../openapi/decorators';
import * as R from '../openapi/responses';
import { CryptoMigrationService } from './crypto-migration.service';

class CryptoMigrationDto extends createZodDto(CryptoMigrationBody) {}

/** Re-encryption of personal data under the configured CRYPTO_SUITE (the system administrator's). */
@ApiTags('security')
@ApiBearerAuth()
@Controller('crypto-migrations')
export class CryptoMigrationController {
  constructor(@Inject(CryptoMigrationService) private readonly migrations: CryptoMigrationService) {}

  @Post()
  @Roles('ADMINISTRATOR')
  @ApiOk(R.CryptoMigration, { status: 201 })
  @ApiErrors(400, 409)
  start(@CurrentActor() actor: Actor, @Body() body: CryptoMigrationDto, @RequestId() requestId: string) {
    return this.migrations.start(actor, body, requestId);
  }

  @Get(':id')
  @Roles('ADMINISTRATOR')
  @ApiOk(R.CryptoMigration)
  @ApiErrors(404)
  get(@UuidPath() id: string) {
    return this.migrations.get(id);
  }
}
