import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { DeliberationController } from './deliberation.controller';
import { DeliberationRepository } from './deliberation.repository';
import { DeliberationService } from './deliberation.service';

@Module({
  imports: [IncidentsModule],
  controllers: [DeliberationController],
  providers: [DeliberationRepository, DeliberationService],
  exports: [DeliberationService],
})
export class DeliberationModule {}
