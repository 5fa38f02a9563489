import { Module } from '@nestjs/common';
import { DisclosureRepository } from './disclosure.repository';
import { DisclosureService } from './disclosure.service';
import { PublicStatisticsController } from './public-statistics.controller';

/** Supervision (plan 三(三)): public disclosure of monthly statistics. */
@Module({
  controllers: [PublicStatisticsController],
  providers: [DisclosureService, DisclosureRepository],
})
export class DisclosureModule {}
