export * from './centre.entity';
export * from './accreditation.entity';
export * from '../assessors/assessor.entities';
export * from '../programs/program.entities';
export * from '../sessions/session.entities';
export * from '../results/result.entities';
