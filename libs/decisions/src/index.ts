export * from './decisions.module';
export * from './decisions-worker.module';
export * from './decisions/decision.entity';
export * from './decisions/decisions.service';
export * from './rules';
