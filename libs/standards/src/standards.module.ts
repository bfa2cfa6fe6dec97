import { Module } from '@nestjs/common';
import { CatalogueController } from './catalogue/catalogue.controller';
import { CatalogueRepository } from './catalogue/catalogue.repository';
import { CatalogueService } from './catalogue/catalogue.service';
import { StandardImportController } from './import/standard-import.controller';
import { StandardImportRepository } from './import/standard-import.repository';
import { StandardImportService } from './import/standard-import.service';
import { CardOutlineModule } from './outline/card-outline.module';

@Module({
  imports: [CardOutlineModule],
  controllers: [CatalogueController, StandardImportController],
  providers: [CatalogueRepository, CatalogueService, StandardImportRepository, StandardImportService],
  exports: [CatalogueService, StandardImportService, CardOutlineModule],
})
export class StandardsModule {}
