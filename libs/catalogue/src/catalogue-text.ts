import { z } from 'zod';

/**
 * Free text an official writes (a name, a field, a legal basis): trimmed, 1 to `max` characters, without NUL,
 * which PostgreSQL cannot store in any text column (a file exported by a broken tool can hold one).
 */
export const catalogueTextSchema = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\0]*$/, 'must not contain a NUL character (\\u0000)');
