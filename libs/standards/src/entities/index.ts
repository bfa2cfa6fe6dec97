export * from './standard.entity';
export * from './profession-card.entity';
export * from './labour-function.entity';
export * from './skill.entity';
export * from './field-of-activity.entity';
