import { Module } from '@nestjs/common';
import { DeliberationModule } from '../deliberation/deliberation.module';
import { TasksModule } from '../tasks/tasks.module';
import { EscalationController } from './escalation.controller';
import { EscalationRepository } from './escalation.repository';
import { EscalationService } from './escalation.service';

/** The supervisors' escalation board. */
@Module({
  imports: [TasksModule, DeliberationModule],
  controllers: [EscalationController],
  providers: [EscalationRepository, EscalationService],
  exports: [EscalationService],
})
export class EscalationsModule {}
