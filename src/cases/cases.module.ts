import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { TasksModule } from '../tasks/tasks.module';
import { CaseController } from './case.controller';
import { CaseRepository } from './case.repository';
import { CaseService } from './case.service';
import { ProgressController } from './progress.controller';
import { PublicityController } from './publicity.controller';

@Module({
  imports: [TasksModule, IncidentsModule],
  controllers: [CaseController, PublicityController, ProgressController],
  providers: [CaseRepository, CaseService],
  exports: [CaseService],
})
export class CasesModule {}
