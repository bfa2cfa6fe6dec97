import { Module } from '@nestjs/common';
import { createFileStorage } from './file-storage.factory';
import { FILE_STORAGE } from './file-storage';
import { readStorageConfig } from './storage.config';

/**
 * The one provider of the file store (evidence files, certificates' PDFs): each context that keeps
 * files imports this module and injects `FILE_STORAGE`.
 */
@Module({
  providers: [{ provide: FILE_STORAGE, useFactory: () => createFileStorage(readStorageConfig(process.env)) }],
  exports: [FILE_STORAGE],
})
export class StorageModule {}
