export * from './evidence.module';
export * from './entities';
