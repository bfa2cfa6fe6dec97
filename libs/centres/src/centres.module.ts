import { Module } from '@nestjs/common';
import { IdentityModule } from '@qualcert/identity';
import { CardCentresController, CentresController } from './centres/centres.controller';
import { CentresRepository } from './centres/centres.repository';
import { CentresService } from './centres/centres.service';

@Module({
  imports: [IdentityModule],
  controllers: [CentresController, CardCentresController],
  providers: [CentresService, CentresRepository],
  exports: [CentresService],
})
export class CentresModule {}
