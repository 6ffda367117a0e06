// eslint-disable-next-line no-restricted-imports -- the one place that wraps it
import { createZodDto as createNestZodDto } from 'nestjs-zod';
import { z } from 'zod';

type PropertyMetadata = Record<string, unknown>;

/**
 * zod (≥ 4.5) writes a bare nullable field as `type: ["number", "null"]`; nestjs-zod hands that to
 * @nestjs/swagger as a property's `type`, which swagger reads as its own `[Number]` notation and documents
 * as an array of numbers (nestjs-zod#473). The same union as `anyOf` means the same in JSON Schema and
 * passes through swagger untouched; nestjs-zod's cleanup then drops the emptied `type`.
 */
export function spellTypeUnions(
  properties: Record<string, PropertyMetadata>,
): Record<string, PropertyMetadata> {
  return Object.fromEntries(
    Object.entries(properties).map(([name, property]) => {
      if (!Array.isArray(property.type)) return [name, property];
      const { type, ...rest } = property;
      return [name, { ...rest, type: '', anyOf: (type as string[]).map((each) => ({ type: each })) }];
    }),
  );
}

type ZodDto<TSchema extends z.ZodType> = ReturnType<typeof createNestZodDto<TSchema>>;
type MetadataFactory = { _OPENAPI_METADATA_FACTORY(): Record<string, PropertyMetadata> };

/**
 * Spells the type unions of a nestjs-zod class's documented properties as `anyOf`, on the class itself: swagger
 * reads the factory of every class up a DTO's prototype chain, so a subclass could not hide the original.
 */
function spellUnionsOf<T>(Dto: T): T {
  const dto = Dto as unknown as MetadataFactory;
  const generate = dto._OPENAPI_METADATA_FACTORY.bind(dto);
  dto._OPENAPI_METADATA_FACTORY = () => spellTypeUnions(generate());
  return Dto;
}

/**
 * nestjs-zod's `createZodDto`, documenting nullable fields as what they are. Every DTO of the API is made here,
 * so the OpenAPI document says what the zod schema says.
 */
export function createZodDto<TSchema extends z.ZodType>(schema: TSchema): ZodDto<TSchema> {
  const Dto = spellUnionsOf(createNestZodDto(schema));
  // The response side (`ZodResponse`): nestjs-zod makes a fresh class at each read of `Output`.
  const output = Object.getOwnPropertyDescriptor(Dto, 'Output')!.get!;
  Object.defineProperty(Dto, 'Output', {
    get(this: ZodDto<TSchema>) {
      return spellUnionsOf(output.call(this) as ZodDto<TSchema>['Output']);
    },
  });
  return Dto;
}

/** A zod schema as a parameter's or body's documented schema: its JSON Schema, OpenAPI 3.1's dialect. */
export function documentedSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, { io: 'input' });
  return jsonSchema;
}
