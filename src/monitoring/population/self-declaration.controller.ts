import { Body, Controller, Get, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { CurrentActor, RequestId, Roles } from '../../auth/decorators';
import { IdempotencyKey, type IdempotentRequest } from '../../common/idempotency-key.decorator';
import { UuidPath } from '../../common/uuid-param.pipe';
import { PopulationChange, SelfDeclaration } from '../../core/contracts/population';
import type { Actor } from '../../core/contracts/roles';
import { ApiErrors, ApiOk, linkById } from '../../openapi/decorators';
import { SelfDeclarationService } from './self-declaration.service';

class SelfDeclarationDto extends createZodDto(SelfDeclaration) {}
class PopulationChangeDto extends createZodDto(PopulationChange) {}

const Declared = z.looseObject({ recordId: z.guid(), created: z.boolean(), changeId: z.guid() });
const ChangeRecorded = z.looseObject({ recordId: z.guid(), changeId: z.guid() });
const RecordBody = z.looseObject({
  recordId: z.guid(),
  name: z.string(),
  idNumberMasked: z.string(),
  category: z.string(),
  origin: z.string(),
  countyCode: z.string(),
  divisionCode: z.string().nullable(),
  since: z.iso.date(),
  hardship: z.string().nullable(),
  changes: z.array(
    z.looseObject({
      changeId: z.guid(),
      source: z.string(),
      description: z.string(),
      occurredOn: z.iso.date(),
      batchId: z.guid().nullable(),
      recordedBy: z.string().nullable(),
      recordedAt: z.string(),
    }),
  ),
});

/** 自主申报 and the dated history of people in no category (低收入人口数据库). */
@ApiTags('monitoring')
@ApiBearerAuth()
@Controller('population')
export class SelfDeclarationController {
  constructor(@Inject(SelfDeclarationService) private readonly declarations: SelfDeclarationService) {}

  /** Records a person in no category who declares hardship (or whom a visit found); the same person again: a change. */
  @Post('self-declarations')
  @Roles('VILLAGE_ASSISTANT', 'TOWNSHIP_CASEWORKER')
  @ApiOk(Declared, { status: 201, links: { GetRecord: linkById('SelfDeclarationController_record', 'recordId') } })
  @ApiErrors(409, 422)
  declare(
    @CurrentActor() actor: Actor,
    @Body() body: SelfDeclarationDto,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotency: IdempotentRequest | undefined,
  ) {
    return this.declarations.declare(actor, body, requestId, idempotency);
  }

  /** One self-declared person's record and its dated history, newest first. */
  @Get('records/:id')
  @Roles('VILLAGE_ASSISTANT', 'TOWNSHIP_CASEWORKER', 'COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'AUDITOR')
  @ApiOk(RecordBody)
  @ApiErrors(404)
  record(@CurrentActor() actor: Actor, @UuidPath() id: string) {
    return this.declarations.record(actor, id);
  }

  /** A change reported for a self-declared person (a visit, a call): a dated line of the history, audited. */
  @Post('records/:id/changes')
  @Roles('VILLAGE_ASSISTANT', 'TOWNSHIP_CASEWORKER')
  @ApiOk(ChangeRecorded, { status: 201 })
  @ApiErrors(404, 422)
  addChange(
    @CurrentActor() actor: Actor,
    @UuidPath() id: string,
    @Body() body: PopulationChangeDto,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotency: IdempotentRequest | undefined,
  ) {
    return this.declarations.addChange(actor, id, body, requestId, idempotency);
  }
}
