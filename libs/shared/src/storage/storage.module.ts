import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { createFileStorage } from './file-storage.factory';
import { FILE_STORAGE } from './file-storage';

/**
 * The one provider of the file store (evidence files, certificates' PDFs), as the validated
 * configuration names it: each context that keeps files imports this module and injects `FILE_STORAGE`.
 */
@Module({
  providers: [
    {
      provide: FILE_STORAGE,
      useFactory: (config: AppConfig) => createFileStorage(config.storage),
      inject: [AppConfig],
    },
  ],
  exports: [FILE_STORAGE],
})
export class StorageModule {}
