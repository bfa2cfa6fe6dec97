export * from './centre.entity';
export * from './accreditation.entity';
