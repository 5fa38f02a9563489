import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { TasksModule } from '../tasks/tasks.module';
import { ChangeReportController } from './change-report.controller';
import { PaymentTaskController, RecheckTaskController } from './deprecated-task-routes.controller';
import { EnrolledCaseController } from './enrolled-case.controller';
import { PaymentController } from './payment.controller';
import { EnrolmentRepository } from './enrolment.repository';
import { EnrolmentService } from './enrolment.service';

/** The enrolled-case lifecycle's HTTP layer: change reports, suspension, recheck tasks, payments. */
@Module({
  imports: [TasksModule, IncidentsModule],
  controllers: [
    EnrolledCaseController,
    ChangeReportController,
    PaymentController,
    RecheckTaskController,
    PaymentTaskController,
  ],
  providers: [EnrolmentRepository, EnrolmentService],
  exports: [EnrolmentService],
})
export class EnrolmentModule {}
