import { Module } from '@nestjs/common';
import { EnrolmentModule } from '../../enrolment/enrolment.module';
import { OutreachVisitController } from './outreach.controller';
import { OutreachRoundSchedule } from './outreach-round.schedule';
import { OutreachService } from './outreach.service';
import { SurveyController } from './survey.controller';

/** Outreach visits and random surveys of dynamic monitoring (走访、随机调查, plan 二(三)3). */
@Module({
  imports: [EnrolmentModule],
  controllers: [OutreachVisitController, SurveyController],
  providers: [OutreachService, OutreachRoundSchedule],
  exports: [OutreachService],
})
export class OutreachModule {}
