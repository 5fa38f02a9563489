import { Module } from '@nestjs/common';
import { CampaignScheduleService } from './campaign-schedule.service';
import { RecheckCampaignController } from './campaign.controller';
import { RecheckCampaignService } from './campaign.service';

/** Recheck campaigns and the yearly campaign schedule (issue 4 item 6). */
@Module({ controllers: [RecheckCampaignController], providers: [RecheckCampaignService, CampaignScheduleService] })
export class RecheckCampaignsModule {}
