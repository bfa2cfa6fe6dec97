export * from './evidence.module';
export * from './entities';
export * from './storage/file-storage';
export * from './storage/storage.config';
export * from './storage/file-storage.factory';
