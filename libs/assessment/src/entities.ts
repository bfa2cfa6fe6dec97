export * from './assessors/assessor.entities';
export * from './programs/program.entities';
export * from './sessions/session.entities';
export * from './results/result.entities';
