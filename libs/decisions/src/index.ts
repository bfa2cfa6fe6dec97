export * from './decisions.module';
export * from './decisions-worker.module';
export * from './decisions/decision.entity';
export * from './decisions/decisions.service';
export * from './rules';
export * from './appeals/appeal.entity';
export * from './appeals/appeals.service';
export * from './decisions/decision.processor';
