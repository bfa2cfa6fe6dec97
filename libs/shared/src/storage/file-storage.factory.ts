import { DiskFileStorage } from './disk-file-storage';
import { FileStorage } from './file-storage';
import { S3FileStorage } from './s3-file-storage';
import { StorageConfig } from './storage.config';

/** The store the configuration names; provide it under FILE_STORAGE. */
export function createFileStorage(config: StorageConfig): FileStorage {
  switch (config.driver) {
    case 'disk':
      return new DiskFileStorage(config.diskPath);
    case 's3':
      if (config.s3 === null) throw new Error('Storage driver "s3" needs the s3 settings');
      return new S3FileStorage(config.s3);
  }
}
