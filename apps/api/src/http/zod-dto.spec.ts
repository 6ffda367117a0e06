import { Controller, Get, INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ApiOkResponse, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { cleanupOpenApiDoc, ZodResponse } from 'nestjs-zod';
import { z } from 'zod';
import { createZodDto, spellTypeUnions } from './zod-dto';

const figuresSchema = z.object({
  value: z.number().nullable().describe('null when the denominator is 0'),
  asOf: z.string().nullable(),
  count: z.number().int(),
  scope: z.object({ agency: z.string().nullable() }),
});
class FiguresDto extends createZodDto(figuresSchema) {}
class OtherFiguresDto extends createZodDto(figuresSchema.extend({ code: z.string() })) {}

@Controller('figures')
class FiguresController {
  @Get()
  @ApiOkResponse({ type: FiguresDto })
  get(): FiguresDto {
    return { value: null, asOf: null, count: 0, scope: { agency: null } };
  }

  @Get('other')
  @ZodResponse({ type: OtherFiguresDto })
  other(): OtherFiguresDto {
    return { value: null, asOf: null, count: 0, scope: { agency: null }, code: 'X' };
  }
}

async function documentOf(...controllers: (new (...args: never[]) => object)[]) {
  const moduleRef = await Test.createTestingModule({ controllers }).compile();
  const app: INestApplication = moduleRef.createNestApplication({ logger: false });
  await app.init();
  try {
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder().setOpenAPIVersion('3.1.0').build(),
    );
    return cleanupOpenApiDoc(document, { version: '3.1' });
  } finally {
    await app.close();
  }
}

const nullableNumber = { anyOf: [{ type: 'number' }, { type: 'null' }] };
const nullableString = { anyOf: [{ type: 'string' }, { type: 'null' }] };

describe('createZodDto', () => {
  it('documents a bare nullable field as number-or-null, not as an array of numbers (nestjs-zod#473)', async () => {
    const { components } = await documentOf(FiguresController);
    const figures = components!.schemas!.FiguresDto as {
      properties: Record<string, object>;
      required: string[];
    };
    expect(figures.properties.value).toEqual({
      ...nullableNumber,
      description: 'null when the denominator is 0',
    });
    expect(figures.properties.asOf).toEqual(nullableString);
    expect(figures.properties.count).toMatchObject({ type: 'integer' });
    // Nested fields were never rewritten by swagger: zod's own spelling stands.
    expect(figures.properties.scope).toMatchObject({ properties: { agency: { type: ['string', 'null'] } } });
    expect(figures.required).toEqual(['value', 'asOf', 'count', 'scope']);
  });

  it('does the same on the response side (ZodResponse reads Dto.Output)', async () => {
    const { components } = await documentOf(FiguresController);
    const output = components!.schemas!.OtherFiguresDto_Output as { properties: Record<string, object> };
    expect(output.properties.value).toMatchObject(nullableNumber);
    expect(output.properties.code).toEqual({ type: 'string' });
  });

  it('still validates and parses as nestjs-zod does', () => {
    expect(FiguresDto.create({ value: 0.5, asOf: null, count: 2, scope: { agency: 'A' } })).toEqual({
      value: 0.5,
      asOf: null,
      count: 2,
      scope: { agency: 'A' },
    });
    expect(() => FiguresDto.create({ value: '0.5' })).toThrow();
  });
});

describe('spellTypeUnions', () => {
  it('rewrites only properties whose type is a list, keeping their other keywords', () => {
    expect(
      spellTypeUnions({
        value: { type: ['number', 'null'], description: 'd', required: true },
        count: { type: 'integer', required: true },
        ref: { type: '', $ref: '#/x' },
      }),
    ).toEqual({
      value: { type: '', anyOf: [{ type: 'number' }, { type: 'null' }], description: 'd', required: true },
      count: { type: 'integer', required: true },
      ref: { type: '', $ref: '#/x' },
    });
  });
});
