export * from './candidate-profile.entity';
export * from './education-record.entity';
export * from './employment-record.entity';
export * from './learning-record.entity';
export * from './application.entity';
