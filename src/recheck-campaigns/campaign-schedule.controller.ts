import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RequestId, Roles } from '../auth/decorators';
import { CountyCode } from '../core/contracts/division';
import type { Actor } from '../core/contracts/roles';
import { AnnualCampaignScheduleDto, CountyCodeParam } from './campaign.dto';
import { CampaignScheduleService } from './campaign-schedule.service';
import { ApiOk } from '../openapi/decorators';
import * as R from '../openapi/responses';

/** A county's yearly recheck campaign, run by a Temporal Schedule. */
@ApiTags('recheck-campaigns')
@ApiBearerAuth()
@Controller('recheck-campaign-schedules')
export class CampaignScheduleController {
  constructor(@Inject(CampaignScheduleService) private readonly schedules: CampaignScheduleService) {}

  /** The county's yearly campaign as a Temporal Schedule: created or replaced. */
  @Put(':county')
  @Roles('COUNTY_OFFICER')
  @ApiOk(R.CampaignSchedule)
  putSchedule(
    @CurrentActor() actor: Actor,
    @Param('county', { schema: CountyCode, pipes: [CountyCodeParam] }) county: string,
    @Body() body: AnnualCampaignScheduleDto,
    @RequestId() requestId: string,
  ) {
    return this.schedules.put(actor, county, body, requestId);
  }

  @Get(':county')
  @Roles('COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'AUDITOR')
  @ApiOk(R.CampaignSchedule)
  getSchedule(
    @CurrentActor() actor: Actor,
    @Param('county', { schema: CountyCode, pipes: [CountyCodeParam] }) county: string,
  ) {
    return this.schedules.get(actor, county);
  }

  @Delete(':county')
  @HttpCode(204)
  @Roles('COUNTY_OFFICER')
  @ApiResponse({ status: 204, description: '已删除' })
  removeSchedule(
    @CurrentActor() actor: Actor,
    @Param('county', { schema: CountyCode, pipes: [CountyCodeParam] }) county: string,
    @RequestId() requestId: string,
  ) {
    return this.schedules.remove(actor, county, requestId);
  }
}
