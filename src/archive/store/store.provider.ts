import { join } from 'node:path';
import type { Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { PROJECT_ROOT } from '../../dev/data-dir';
import { ARCHIVE_STORE, type ArchiveStore } from './archive-store';
import { FilesystemStore } from './fs-store';
import { S3Store } from './s3-store';

/** The store the configuration names (README, Configuration: ARCHIVE_STORE and ARCHIVE_*). */
export function createArchiveStore(config: AppConfig): ArchiveStore {
  if (config.ARCHIVE_STORE === 's3')
    return new S3Store({
      bucket: config.ARCHIVE_S3_BUCKET!,
      region: config.ARCHIVE_S3_REGION,
      forcePathStyle: config.ARCHIVE_S3_FORCE_PATH_STYLE,
      ...(config.ARCHIVE_S3_ENDPOINT ? { endpoint: config.ARCHIVE_S3_ENDPOINT } : {}),
      ...(config.ARCHIVE_S3_ACCESS_KEY_ID && config.ARCHIVE_S3_SECRET_ACCESS_KEY
        ? {
            credentials: {
              accessKeyId: config.ARCHIVE_S3_ACCESS_KEY_ID,
              secretAccessKey: config.ARCHIVE_S3_SECRET_ACCESS_KEY,
            },
          }
        : {}),
    });
  return new FilesystemStore(
    config.ARCHIVE_DIR ?? join(config.SAFETYNET_DATA_DIR ?? join(PROJECT_ROOT, '.data'), 'archive'),
  );
}

export const archiveStoreProvider: Provider = {
  provide: ARCHIVE_STORE,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => createArchiveStore(config),
};
