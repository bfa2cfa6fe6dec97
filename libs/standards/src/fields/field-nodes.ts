import type { FieldOfActivityEntity } from '../entities/field-of-activity.entity';
import type { FieldNode } from './field-tree';

/** A field_of_activity row as the pure tree functions read it. */
export function toFieldNode(f: FieldOfActivityEntity): FieldNode {
  return {
    code: f.code,
    parentCode: f.parentCode,
    position: f.position,
    names: { kk: f.nameKk, ru: f.nameRu, en: f.nameEn },
  };
}
