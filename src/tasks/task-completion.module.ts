import { ArchiveModule } from '../archive/archive.module';
import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { DeliberationModule } from '../deliberation/deliberation.module';
import { EmergencyModule } from '../emergency/emergency.module';
import { EnrolmentModule } from '../enrolment/enrolment.module';
import { EscalationsModule } from '../escalations/escalations.module';
import { MonitoringModule } from '../monitoring/monitoring.module';
import { OutreachModule } from '../monitoring/outreach/outreach.module';
import { ComplaintsModule } from '../supervision/complaints/complaints.module';
import { FundsModule } from '../funds/funds.module';
import { TaskCompletionController } from './task-completion.controller';
import { TaskCompletionService } from './task-completion.service';
import { TasksModule } from './tasks.module';

/**
 * `POST /api/v1/tasks/:id/complete` for every kind of task. Its own module: it reaches every
 * feature's use case, and those features use TasksModule, so the inbox module cannot import them.
 */
@Module({
  imports: [
    ArchiveModule,
    TasksModule,
    CasesModule,
    EnrolmentModule,
    EmergencyModule,
    DeliberationModule,
    EscalationsModule,
    MonitoringModule,
    OutreachModule,
    ComplaintsModule,
    FundsModule,
  ],
  controllers: [TaskCompletionController],
  providers: [TaskCompletionService],
})
export class TaskCompletionModule {}
