import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { CurrentActor, RequestId, Roles } from '../auth/decorators';
import { UuidPath } from '../common/uuid-param.pipe';
import { IncidentDecision, IncidentListQuery } from '../core/contracts/incident';
import type { Actor } from '../core/contracts/roles';
import { IncidentService } from './incident.service';
import { ApiOk } from '../openapi/decorators';
import * as R from '../openapi/responses';

class IncidentListQueryDto extends createZodDto(IncidentListQuery) {}
class RetryDto extends createZodDto(IncidentDecision) {}
class CloseDto extends createZodDto(
  z.strictObject({
    reason: z.string().trim().min(1, { error: '结案须填写理由' }).max(500, { error: '理由不能超过 500 字' }),
  }),
) {}

/** Steps that could not complete, for the county supervisor (own county) and the city's administrator and auditor. */
@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class IncidentController {
  constructor(@Inject(IncidentService) private readonly incidents: IncidentService) {}

  @Get()
  @Roles('COUNTY_SUPERVISOR', 'ADMINISTRATOR', 'AUDITOR')
  @ApiOk(R.IncidentPage)
  list(@CurrentActor() actor: Actor, @Query() q: IncidentListQueryDto) {
    return this.incidents.list(actor, q);
  }

  @Get(':id')
  @Roles('COUNTY_SUPERVISOR', 'ADMINISTRATOR', 'AUDITOR')
  @ApiOk(R.Incident)
  get(@CurrentActor() actor: Actor, @UuidPath() id: string) {
    return this.incidents.get(actor, id);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @Roles('COUNTY_SUPERVISOR', 'ADMINISTRATOR')
  @ApiOk(R.Incident)
  retry(@CurrentActor() actor: Actor, @UuidPath() id: string, @Body() body: RetryDto, @RequestId() requestId: string) {
    return this.incidents.retry(actor, id, requestId, body.reason ?? null);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('COUNTY_SUPERVISOR', 'ADMINISTRATOR')
  @ApiOk(R.Incident)
  close(@CurrentActor() actor: Actor, @UuidPath() id: string, @Body() body: CloseDto, @RequestId() requestId: string) {
    return this.incidents.close(actor, id, requestId, body.reason);
  }
}
