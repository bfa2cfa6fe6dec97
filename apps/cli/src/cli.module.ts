import { Module } from '@nestjs/common';
import { DatabaseModule } from '@qualcert/database';
import { ConfigModule } from '@qualcert/shared';
import { StandardsModule } from '@qualcert/standards';

/** What the command-line tools need: configuration, the database and the services they drive. */
@Module({ imports: [ConfigModule, DatabaseModule, StandardsModule] })
export class CliModule {}
