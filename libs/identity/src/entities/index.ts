export * from './user.entity';
export * from './refresh-token.entity';
export * from './centre-membership.entity';
