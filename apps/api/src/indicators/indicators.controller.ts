import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { createZodDto, documentedSchema } from '../http/zod-dto';
import { z } from 'zod';
import { Access, ROLE_SETS } from '@dvc/access';
import { indicatorAnswerSchema, IndicatorAnswersService } from '@dvc/indicator-answers';
import { INDICATOR_IDS, indicatorQuerySchema, IndicatorsService } from '@dvc/indicators';
import { ApiErrorResponses } from '../catalogue/error-response.dto';

class IndicatorQueryDto extends createZodDto(indicatorQuerySchema) {}
class IndicatorAnswerDto extends createZodDto(indicatorAnswerSchema) {}

const indicatorDefinitionSchema = z.object({
  id: z.enum(INDICATOR_IDS),
  nameVi: z.string(),
  nameEn: z.string(),
  anchor: z.string().describe('Which date places a dossier or procedure in a period'),
  unit: z.enum(['share', 'percentage_points', 'count']),
  measure: z.enum(['flow', 'stock']),
  options: z.array(z.string()),
  description: z.string(),
});
class IndicatorDefinitionsDto extends createZodDto(
  z.object({ indicators: z.array(indicatorDefinitionSchema) }),
) {}

@ApiTags('indicators')
@Controller('v1/indicators')
export class IndicatorsController {
  constructor(private readonly answers: IndicatorAnswersService) {}

  @Get()
  @Access({ roles: ROLE_SETS.readFigures })
  @ApiOperation({ operationId: 'listIndicators', summary: 'Every indicator, with its names and definition' })
  @ApiOkResponse({ type: IndicatorDefinitionsDto })
  listIndicators(): IndicatorDefinitionsDto {
    return {
      indicators: IndicatorsService.definitions.map((definition) => ({
        ...definition,
        options: [...definition.options],
      })),
    };
  }

  @Get(':id')
  @Access({ roles: ROLE_SETS.readFigures, agency: { query: 'agency' } })
  @ApiOperation({
    operationId: 'getIndicator',
    summary: 'One indicator for a scope and period, optionally grouped by agency, procedure, field or time',
  })
  @ApiParam({ name: 'id', example: 'dossiers.online', schema: documentedSchema(z.enum(INDICATOR_IDS)) })
  @ApiOkResponse({ type: IndicatorAnswerDto })
  @ApiErrorResponses(400, 404)
  getIndicator(@Param('id') id: string, @Query() query: IndicatorQueryDto): Promise<IndicatorAnswerDto> {
    return this.answers.answer(id, query);
  }
}
