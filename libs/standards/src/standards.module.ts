import { Module } from '@nestjs/common';
import { CatalogueController } from './catalogue/catalogue.controller';
import { CatalogueRepository } from './catalogue/catalogue.repository';
import { CatalogueService } from './catalogue/catalogue.service';
import { StandardImportService } from './import/standard-import.service';

@Module({
  controllers: [CatalogueController],
  providers: [CatalogueRepository, CatalogueService, StandardImportService],
  exports: [CatalogueService, StandardImportService],
})
export class StandardsModule {}
