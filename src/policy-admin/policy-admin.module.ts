import { Global, Module, type OnModuleDestroy, Inject } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { drillParameterVersions } from '../policy';
import { PrismaClient } from '../prisma/prisma-client';
import { LiveParameterStore } from './live-parameter-store';
import { PolicyAdminRepository } from './policy-admin.repository';
import { ParameterAdminController } from './parameter-admin.controller';
import { ParameterAdminService } from './parameter-admin.service';
import { ProjectionController } from './projection.controller';
import { ProjectionRepository } from './projection.repository';
import { ProjectionService } from './projection.service';
import { SimulationController } from './simulation.controller';
import { SimulationService } from './simulation.service';
import { StandardAdjustmentController } from './standard-adjustment.controller';
import { StandardAdjustmentRepository } from './standard-adjustment.repository';
import { StandardAdjustmentService } from './standard-adjustment.service';

/** The parameters in force in the API process (from PostgreSQL, drill set layered in drill mode) and their administration. */
@Global()
@Module({
  controllers: [ParameterAdminController, ProjectionController, SimulationController, StandardAdjustmentController],
  providers: [
    {
      provide: LiveParameterStore,
      inject: [PrismaClient, APP_CONFIG],
      useFactory: async (prisma: PrismaClient, config: AppConfig) => {
        const store = new LiveParameterStore(prisma, {
          overlay: config.SAFETYNET_DRILL ? drillParameterVersions() : [],
        });
        await store.start();
        return store;
      },
    },
    ParameterAdminService,
    PolicyAdminRepository,
    ProjectionService,
    ProjectionRepository,
    SimulationService,
    StandardAdjustmentRepository,
    StandardAdjustmentService,
  ],
  exports: [LiveParameterStore, ParameterAdminService],
})
export class PolicyAdminModule implements OnModuleDestroy {
  constructor(@Inject(LiveParameterStore) private readonly store: LiveParameterStore) {}

  onModuleDestroy(): void {
    this.store.stop();
  }
}
