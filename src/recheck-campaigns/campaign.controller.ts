import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RequestId, Roles } from '../auth/decorators';
import { UuidPath } from '../common/uuid-param.pipe';
import { CountyCode } from '../contracts/division';
import type { Actor } from '../contracts/roles';
import { AnnualCampaignScheduleDto, CampaignListQueryDto, CountyCodeParam, StartRecheckCampaignDto } from './campaign.dto';
import { CampaignScheduleService } from './campaign-schedule.service';
import { RecheckCampaignService } from './campaign.service';
import { ApiOk, linkById } from '../openapi/decorators';
import * as R from '../openapi/responses';

@ApiTags('recheck-campaigns')
@ApiBearerAuth()
@Controller('api/v1')
export class RecheckCampaignController {
  constructor(
    @Inject(RecheckCampaignService) private readonly campaigns: RecheckCampaignService,
    @Inject(CampaignScheduleService) private readonly schedules: CampaignScheduleService,
  ) {}

  /** A county officer rechecks every matching case of the county now, at a set rate. */
  @Post('recheck-campaigns')
  @HttpCode(202)
  @Roles('COUNTY_OFFICER')
  @ApiOk(R.CampaignDetail, { status: 202, links: { GetCampaign: linkById('RecheckCampaignController_get') } })
  start(@CurrentActor() actor: Actor, @Body() body: StartRecheckCampaignDto, @RequestId() requestId: string) {
    return this.campaigns.start(actor, body, requestId);
  }

  @Get('recheck-campaigns')
  @Roles('COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'AUDITOR')
  @ApiOk(R.CampaignList)
  list(@CurrentActor() actor: Actor, @Query() query: CampaignListQueryDto) {
    return this.campaigns.list(actor, query.county);
  }

  @Get('recheck-campaigns/:id')
  @Roles('COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'AUDITOR')
  @ApiOk(R.CampaignDetail)
  get(@CurrentActor() actor: Actor, @UuidPath() id: string) {
    return this.campaigns.get(actor, id);
  }

  /** The county's yearly campaign as a Temporal Schedule: created or replaced. */
  @Put('recheck-campaign-schedules/:county')
  @Roles('COUNTY_OFFICER')
  @ApiOk(R.CampaignSchedule)
  putSchedule(@CurrentActor() actor: Actor, @Param('county', { schema: CountyCode, pipes: [CountyCodeParam] }) county: string, @Body() body: AnnualCampaignScheduleDto, @RequestId() requestId: string) {
    return this.schedules.put(actor, county, body, requestId);
  }

  @Get('recheck-campaign-schedules/:county')
  @Roles('COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'AUDITOR')
  @ApiOk(R.CampaignSchedule)
  getSchedule(@CurrentActor() actor: Actor, @Param('county', { schema: CountyCode, pipes: [CountyCodeParam] }) county: string) {
    return this.schedules.get(actor, county);
  }

  @Delete('recheck-campaign-schedules/:county')
  @HttpCode(204)
  @Roles('COUNTY_OFFICER')
  @ApiResponse({ status: 204, description: '已删除' })
  removeSchedule(@CurrentActor() actor: Actor, @Param('county', { schema: CountyCode, pipes: [CountyCodeParam] }) county: string, @RequestId() requestId: string) {
    return this.schedules.remove(actor, county, requestId);
  }
}
