export * from './candidates.module';
export * from './candidates-worker.module';
export * from './entities';
export * from './applications/application-state';
export * from './entities/application.entity';
export * from './applications/eligibility-check.service';
export * from './applications/admission.service';
export * from './records/record-facts';
