export * from './notifications.module';
export * from './notifications-worker.module';
export * from './notifications/notification.entity';
export * from './notifications/notification-kinds';
export * from './notifications/notifications.service';
export * from './notifications/notification.processor';
export * from './email/notification-email.service';
export * from './email/notification-email';
