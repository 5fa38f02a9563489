import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { HouseholdController } from './household.controller';
import { HouseholdRepository } from './household.repository';
import { HouseholdService } from './household.service';
import { PiiCipher } from './pii-cipher';

export const piiCipherProvider = {
  provide: PiiCipher,
  inject: [APP_CONFIG],
  useFactory: (c: AppConfig) =>
    new PiiCipher({
      hmacKeyHex: c.PII_HMAC_KEY,
      encryptionKeyHex: c.PII_ENCRYPTION_KEY,
      suite: c.CRYPTO_SUITE,
      previousKeysHex: c.PII_PREVIOUS_KEYS,
    }),
};

@Module({
  controllers: [HouseholdController],
  providers: [HouseholdRepository, HouseholdService, piiCipherProvider],
  exports: [HouseholdRepository],
})
export class RegistryModule {}
