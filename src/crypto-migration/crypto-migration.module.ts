import { Module } from '@nestjs/common';
import { CryptoMigrationController } from './crypto-migration.controller';
import { CryptoMigrationRepository } from './crypto-migration.repository';
import { CryptoMigrationService } from './crypto-migration.service';

/** Re-encryption runs (POST/GET /api/v1/crypto-migrations); the batches run in the worker. */
@Module({
  controllers: [CryptoMigrationController],
  providers: [CryptoMigrationRepository, CryptoMigrationService],
})
export class CryptoMigrationModule {}
