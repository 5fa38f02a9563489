import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { TasksModule } from '../tasks/tasks.module';
import { EnrolmentController } from './enrolment.controller';
import { EnrolmentRepository } from './enrolment.repository';
import { EnrolmentService } from './enrolment.service';

/** The enrolled-case lifecycle's HTTP layer: change reports, suspension, recheck tasks, payments. */
@Module({ imports: [TasksModule, IncidentsModule], controllers: [EnrolmentController], providers: [EnrolmentRepository, EnrolmentService], exports: [EnrolmentService] })
export class EnrolmentModule {}
