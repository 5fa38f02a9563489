import { Module } from '@nestjs/common';
import { IncidentController } from './incident.controller';
import { IncidentRepository } from './incident.repository';
import { IncidentService } from './incident.service';

/** Incidents: steps that could not complete, each waiting for a person. */
@Module({
  controllers: [IncidentController],
  providers: [IncidentRepository, IncidentService],
  exports: [IncidentRepository],
})
export class IncidentsModule {}
