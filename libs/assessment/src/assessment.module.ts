import { Module } from '@nestjs/common';
import { IdentityModule } from '@qualcert/identity';
import { CentresController } from './centres/centres.controller';
import { CentresService } from './centres/centres.service';

@Module({
  imports: [IdentityModule],
  controllers: [CentresController],
  providers: [CentresService],
  exports: [CentresService],
})
export class AssessmentModule {}
