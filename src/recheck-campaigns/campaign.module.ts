import { Module } from '@nestjs/common';
import { CampaignScheduleService } from './campaign-schedule.service';
import { RecheckCampaignController } from './campaign.controller';
import { RecheckCampaignService } from './campaign.service';

/** Recheck campaigns and the yearly campaign schedule. */
@Module({ controllers: [RecheckCampaignController], providers: [RecheckCampaignService, CampaignScheduleService] })
export class RecheckCampaignsModule {}
