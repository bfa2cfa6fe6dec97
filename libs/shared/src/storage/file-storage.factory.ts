import { DiskFileStorage } from './disk-file-storage';
import { FileStorage } from './file-storage';
import type { S3FileStorage } from './s3-file-storage';
import { StorageConfig } from './storage.config';

/** The store the configuration names; provide it under FILE_STORAGE. */
export function createFileStorage(config: StorageConfig): FileStorage {
  switch (config.driver) {
    case 'disk':
      return new DiskFileStorage(config.diskPath);
    case 's3': {
      if (config.s3 === null) throw new Error('Storage driver "s3" needs the s3 settings');
      // Only where the driver is s3: the AWS SDK holds about 15 MB a disk deployment need not load.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, typed by the import above
      const { S3FileStorage: S3 } = require('./s3-file-storage') as { S3FileStorage: typeof S3FileStorage };
      return new S3(config.s3);
    }
  }
}
