export * from './standards.module';
export * from './catalogue/catalogue.service';
export * from './import/standard-import.service';
export * from './corrections/corrections';
export * from './parser/parsed-standard';
export * from './prerequisites/prerequisite-rules';
export { EXPERIENCE_FIELDS, listExperienceFields, parsePrerequisites } from './prerequisites/prerequisite-parser';
export { parseStandard } from './parser/standard-parser';
