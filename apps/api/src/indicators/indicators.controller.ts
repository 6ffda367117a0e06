import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { indicatorQuerySchema, indicatorResultSchema, IndicatorsService } from '@dvc/indicators';

class IndicatorQueryDto extends createZodDto(indicatorQuerySchema) {}
class IndicatorResultDto extends createZodDto(indicatorResultSchema) {}

@ApiTags('indicators')
@Controller('v1/indicators')
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Get(':id')
  @ApiOperation({ operationId: 'getIndicator', summary: 'One indicator for a scope and period' })
  @ApiParam({ name: 'id', example: 'dossiers.online' })
  @ApiOkResponse({ type: IndicatorResultDto })
  getIndicator(@Param('id') id: string, @Query() query: IndicatorQueryDto): Promise<IndicatorResultDto> {
    return this.indicators.compute(id, query);
  }
}
