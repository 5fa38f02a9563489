import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../auth/decorators';
import { UuidPath } from '../../common/uuid-param.pipe';
import type { Actor } from '../../core/contracts/roles';
import { ApiErrors, ApiOk } from '../../openapi/decorators';
import { OutreachVisitsBody } from './outreach-responses';
import { OutreachService } from './outreach.service';

/** A household's outreach visits (走访记录); a visit is recorded by completing its task (POST /api/v1/tasks/{id}/complete). */
@ApiTags('monitoring')
@ApiBearerAuth()
@Controller('households')
export class OutreachVisitController {
  constructor(@Inject(OutreachService) private readonly outreach: OutreachService) {}

  @Get(':id/outreach-visits')
  @Roles('VILLAGE_ASSISTANT', 'TOWNSHIP_CASEWORKER', 'COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'AUDITOR')
  @ApiOk(OutreachVisitsBody)
  @ApiErrors(404)
  visits(@CurrentActor() actor: Actor, @UuidPath() id: string) {
    return this.outreach.visitsOf(actor, id);
  }
}
