import { z } from 'zod';
import { dossierEventSchema } from './dossier-event.schema';

/**
 * Every top-level field contract v1 names, read from `dossierEventSchema` itself (no list kept by hand), each
 * with the schemas it has across the event types (`dueAt` is required on one type and optional on another;
 * `type` is one literal per type). A field added to the contract appears here without further change.
 */
export const DOSSIER_EVENT_FIELDS: ReadonlyMap<string, readonly z.ZodType[]> = (() => {
  const fields = new Map<string, z.ZodType[]>();
  for (const option of dossierEventSchema.options) {
    for (const [name, schema] of Object.entries(option.shape as Record<string, z.ZodType>)) {
      const known = fields.get(name);
      if (known) known.push(schema);
      else fields.set(name, [schema]);
    }
  }
  return fields;
})();
