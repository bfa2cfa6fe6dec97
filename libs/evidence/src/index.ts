export * from './evidence.module';
export * from './entities';
export * from './evidence/upper-context-ports';
