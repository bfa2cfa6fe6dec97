export * from './centres.module';
export * from './centres/centre.entity';
export * from './centres/accreditation.entity';
export * from './centres/centres.service';
export * from './centres/centres.reader';
