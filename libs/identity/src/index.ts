export * from './identity.module';
export * from './entities';
export * from './auth/actor';
export * from './auth/authenticated.decorator';
export * from './auth/auth.dto';
export * from './access/access.service';
export * from './users/users.service';
export * from './password/password-policy';
