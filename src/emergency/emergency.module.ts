import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { piiCipherProvider } from '../registry/registry.module';
import { EmergencyController } from './emergency.controller';
import { EmergencyRepository } from './emergency.repository';
import { EmergencyService } from './emergency.service';

/** Emergency aid (domain.md §4.3): intake where it happens, actions through the workflow's Update. */
@Module({
  imports: [IncidentsModule],
  controllers: [EmergencyController],
  providers: [EmergencyRepository, EmergencyService, piiCipherProvider],
  exports: [EmergencyService],
})
export class EmergencyModule {}
