export * from './evidence-file.entity';
export * from './evidence-claim.entity';
