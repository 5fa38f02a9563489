import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { PrismaClient } from '../prisma/prisma-client';
import { piiCipherProvider } from '../registry/registry.module';
import { DataBatchController } from './data-batch.controller';
import { DataBatchRepository } from './data-batch.repository';
import { DataBatchService } from './data-batch.service';
import { StagingPoolLifecycle, stagingPoolProvider } from './staging-pool';
import { PopulationController } from './population/population.controller';
import { PopulationRepository } from './population/population.repository';
import { PopulationService } from './population/population.service';
import { SelfDeclarationController } from './population/self-declaration.controller';
import { SelfDeclarationRepository } from './population/self-declaration.repository';
import { SelfDeclarationService } from './population/self-declaration.service';
import { ProvincialExportController } from './provincial/provincial-export.controller';
import { ProvincialExportRepository } from './provincial/provincial-export.repository';
import { ProvincialExportService } from './provincial/provincial-export.service';
import {
  EmbeddedProvincialPlatformGateway,
  PROVINCIAL_PLATFORM_GATEWAY,
} from './provincial/provincial-platform.gateway';
import { WarningController } from './warnings/warning.controller';
import { WarningRepository } from './warnings/warning.repository';
import { WarningService } from './warnings/warning.service';

/** Dynamic monitoring (动态监测): department data intake, matching, and the warnings it raises. */
@Module({
  imports: [
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => {
        // Uploads go to disk, not memory: the file is read twice (hash, then rows), streamed both times.
        const dest = join(tmpdir(), 'safetynet-uploads');
        mkdirSync(dest, { recursive: true });
        return {
          dest,
          // Busboy reads a file name as latin1 unless told: Chinese names would arrive garbled.
          defParamCharset: 'utf8',
          limits: { fileSize: c.MONITORING_UPLOAD_MAX_MB * 1024 * 1024, files: 1, fields: 4, parts: 5 },
        };
      },
    }),
  ],
  controllers: [
    DataBatchController,
    WarningController,
    PopulationController,
    SelfDeclarationController,
    ProvincialExportController,
  ],
  exports: [WarningService],
  providers: [
    WarningService,
    WarningRepository,
    PopulationService,
    PopulationRepository,
    SelfDeclarationService,
    SelfDeclarationRepository,
    DataBatchService,
    DataBatchRepository,
    stagingPoolProvider,
    StagingPoolLifecycle,
    piiCipherProvider,
    ProvincialExportService,
    ProvincialExportRepository,
    {
      // The embedded gateway records what would go up; a direct connection replaces this provider.
      provide: PROVINCIAL_PLATFORM_GATEWAY,
      inject: [PrismaClient],
      useFactory: (prisma: PrismaClient) => new EmbeddedProvincialPlatformGateway(prisma),
    },
  ],
})
export class MonitoringModule {}
