export * from './assessment.module';
export * from './centres/centre.entity';
export * from './centres/accreditation.entity';
export * from './centres/centres.service';
export * from './assessment-worker.module';
export * from './sessions/theory-tests.service';
