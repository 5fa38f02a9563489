import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { CurrentActor, RequestId, Roles } from '../auth/decorators';
import { numberedPaging } from '../common/keyset';
import { UuidPath } from '../common/uuid-param.pipe';
import type { Actor } from '../core/contracts/roles';
import { EscalationKind } from '../core/contracts/task';
import { ReassignTask } from '../tasks/task.dto';
import { EscalationDecisionBody } from './escalation.dto';
import { ESCALATION_PAGE_SIZE_MAX, EscalationService } from './escalation.service';
import { CountyCode } from '../core/contracts/division';
import { ApiErrors, ApiOk } from '../openapi/decorators';
import * as R from '../openapi/responses';

class EscalationQueryDto extends createZodDto(
  z.strictObject({
    county: CountyCode.optional(),
    kind: z.union([EscalationKind, z.literal('DELIBERATION')]).optional(),
    sla: z.enum(['ON_TIME', 'AT_RISK', 'BREACHED']).optional(),
    // Sorted by SLA state in the service, so numbered pages over the county's open items (no cursor).
    ...numberedPaging(ESCALATION_PAGE_SIZE_MAX, 50),
  }),
) {}
class ReassignDto extends createZodDto(ReassignTask) {}
class DecideDto extends createZodDto(EscalationDecisionBody) {}

@ApiTags('escalations')
@ApiBearerAuth()
@Controller('escalations')
export class EscalationController {
  constructor(@Inject(EscalationService) private readonly escalations: EscalationService) {}

  @Get()
  @Roles('COUNTY_SUPERVISOR', 'AUDITOR')
  @ApiOk(R.EscalationList)
  list(@CurrentActor() actor: Actor, @Query() q: EscalationQueryDto) {
    return this.escalations.list(actor, q);
  }

  @Post(':id/take')
  @HttpCode(200)
  @Roles('COUNTY_SUPERVISOR')
  @ApiOk(R.Task)
  take(@CurrentActor() actor: Actor, @UuidPath() id: string, @RequestId() requestId: string) {
    return this.escalations.take(actor, id, requestId);
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @Roles('COUNTY_SUPERVISOR')
  @ApiOk(R.Task)
  @ApiErrors(422)
  reassign(
    @CurrentActor() actor: Actor,
    @UuidPath() id: string,
    @Body() body: ReassignDto,
    @RequestId() requestId: string,
  ) {
    return this.escalations.reassign(actor, id, body, requestId);
  }

  @Post(':id/decide')
  @HttpCode(200)
  @Roles('COUNTY_SUPERVISOR')
  @ApiOk(R.EscalationDecided)
  decide(
    @CurrentActor() actor: Actor,
    @UuidPath() id: string,
    @Body() body: DecideDto,
    @RequestId() requestId: string,
  ) {
    return this.escalations.decide(actor, id, body, requestId);
  }
}
