import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ApplicationController } from './application.controller';
import { ApplicationRepository } from './application.repository';
import { ApplicationService } from './application.service';

/** The application (the core record, docs/architecture.md § Names): intake, reading, case-level actions. */
@Module({
  imports: [CasesModule],
  controllers: [ApplicationController],
  providers: [ApplicationRepository, ApplicationService],
})
export class ApplicationsModule {}
