import { z } from 'zod';
import { dossierEventSchema } from './dossier-event.schema';

/** JSON Schema (draft 2020-12) of one event, for vendors' validators; generated from the zod schema. */
export function dossierEventJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(dossierEventSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://dvc.gov.vn/schemas/dossier-event.v1.json',
    title: 'DVC dossier event v1',
    description:
      'One dossier lifecycle event from a one-stop-shop system. Fields not listed here are ignored and never stored.',
  };
}
