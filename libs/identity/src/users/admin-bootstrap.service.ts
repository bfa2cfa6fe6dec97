import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, DomainException, SYSTEM_ACTOR } from '@qualcert/shared';
import { adminExists, lockAdminBootstrap } from './admin-bootstrap.repository';
import { UsersService } from './users.service';

/**
 * Creates the first admin from ADMIN_EMAIL and ADMIN_PASSWORD when no admin exists yet, so a
 * fresh deployment can be administered without a default password anywhere.
 */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrapService.name);

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.ADMIN_EMAIL || !this.config.ADMIN_PASSWORD) return;
    await this.dataSource.transaction(async (manager) => {
      await lockAdminBootstrap(manager);
      if (await adminExists(manager)) return;
      try {
        await this.users.createUser(manager, SYSTEM_ACTOR, {
          email: this.config.ADMIN_EMAIL,
          fullName: this.config.ADMIN_NAME,
          role: 'admin',
          password: this.config.ADMIN_PASSWORD,
        });
        this.logger.log('first admin account created from ADMIN_EMAIL');
      } catch (error) {
        if (error instanceof DomainException) {
          throw new Error(`ADMIN_EMAIL / ADMIN_PASSWORD: ${error.message}`);
        }
        throw error;
      }
    });
  }
}
