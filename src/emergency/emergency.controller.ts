import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodValidationPipe } from 'nestjs-zod';
import { z } from 'zod';
import { CurrentActor, NotForDepartmentLiaisons, RequestId, Roles } from '../auth/decorators';
import { IdempotencyKey, type IdempotentRequest } from '../common/idempotency-key.decorator';
import { UuidPath } from '../common/uuid-param.pipe';
import { CreateEmergencyAid, EMERGENCY_STAGES, EmergencyAction } from '../core/contracts/emergency';
import type { Actor } from '../core/contracts/roles';
import { EmergencyService } from './emergency.service';
import { CountyCode, TownshipCode } from '../core/contracts/division';
import { ApiOk, linkById } from '../openapi/decorators';
import * as R from '../openapi/responses';

class CreateEmergencyAidDto extends createZodDto(CreateEmergencyAid) {}
class EmergencyListQueryDto extends createZodDto(
  z.strictObject({
    county: CountyCode.optional(),
    township: TownshipCode.optional(),
    stage: z.enum(EMERGENCY_STAGES).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  }),
) {}
const actionPipe = new ZodValidationPipe(EmergencyAction);
const actionBody = {
  schema: z.toJSONSchema(EmergencyAction, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
};

@ApiTags('emergency-aid')
@ApiBearerAuth()
@Controller('emergency-aid')
export class EmergencyController {
  constructor(@Inject(EmergencyService) private readonly emergency: EmergencyService) {}

  /** Township staff where the emergency happened; the path follows the county's approval limits. */
  @Post()
  @Roles('TOWNSHIP_CASEWORKER')
  @ApiOk(R.EmergencyDetail, { status: 201, links: { GetEmergencyCase: linkById('EmergencyController_get') } })
  create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateEmergencyAidDto,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotency: IdempotentRequest | undefined,
  ) {
    return this.emergency.create(actor, body, requestId, idempotency);
  }

  @Get()
  @NotForDepartmentLiaisons()
  @ApiOk(R.EmergencyPage)
  list(@CurrentActor() actor: Actor, @Query() query: EmergencyListQueryDto) {
    return this.emergency.list(actor, query);
  }

  @Get(':id')
  @NotForDepartmentLiaisons()
  @ApiOk(R.EmergencyDetail)
  get(@CurrentActor() actor: Actor, @UuidPath() id: string) {
    return this.emergency.get(actor, id);
  }

  /** explain, grantAid, referToDeliberation, markEased, registerAndComplete, accept, recordInvestigation, submitOpinion, confirm, refuse, resolveFundRefusal. */
  @Post(':id/actions')
  @HttpCode(200)
  @ApiBody(actionBody)
  @ApiOk(R.ProcessState)
  act(
    @CurrentActor() actor: Actor,
    @UuidPath() id: string,
    @Body(actionPipe) body: EmergencyAction,
    @RequestId() requestId: string,
  ) {
    return this.emergency.act(actor, id, body, requestId);
  }
}
