export * from './evidence.module';
export * from './entities';
export * from './evidence/evidence-files.reader';
export * from './evidence/upper-context-ports';
