import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  UseInterceptors,
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse, ZodSerializerInterceptor } from 'nestjs-zod';
import { createZodDto } from '../http/zod-dto';
import { z } from 'zod';
import { Access, ROLE_SETS } from '@dvc/access';
import {
  agencyCodeSchema,
  catalogueDateSchema,
  levelChangeInputSchema,
  levelChangeSchema,
  offeringInputSchema,
  offeringSchema,
  procedureCodeSchema,
  procedureDetailSchema,
  procedureInputSchema,
  procedureSchema,
  ProceduresService,
} from '@dvc/catalogue';
import { ApiErrorResponses } from './error-response.dto';

const procedurePath = {
  code: procedureCodeSchema.describe('Procedure code, e.g. 1.004227'),
};
const offeringPath = {
  ...procedurePath,
  agency: agencyCodeSchema.describe('Code of the agency offering it; any spelling (000.00.12.h12)'),
};
class ProcedureParams extends createZodDto(z.object(procedurePath).strict()) {}
class OfferingParams extends createZodDto(z.object(offeringPath).strict()) {}
class LevelChangeParams extends createZodDto(
  z
    .object({ ...offeringPath, effectiveFrom: catalogueDateSchema.describe('First day at this level') })
    .strict(),
) {}

const within = agencyCodeSchema
  .optional()
  .describe(
    'Only offerings of this agency and the units under it (a department: its own, and only inside it)',
  );
class ProcedureListQuery extends createZodDto(
  z
    .object({
      field: z.string().trim().min(1).optional().describe('Only procedures of this field (lĩnh vực)'),
      agency: agencyCodeSchema.optional().describe('Only procedures this agency offers'),
      within,
    })
    .strict(),
) {}
class ProcedureQuery extends createZodDto(z.object({ within }).strict()) {}
class NewProcedureBody extends createZodDto(procedureInputSchema) {}
// Bodies leave out what the path names.
class ProcedureBody extends createZodDto(procedureInputSchema.omit({ code: true })) {}
/** May be left out: an offering with no end. */
class OfferingBody extends createZodDto(
  offeringInputSchema.omit({ procedureCode: true, agencyCode: true }).default({}),
) {}
class LevelChangeBody extends createZodDto(
  levelChangeInputSchema.omit({ procedureCode: true, agencyCode: true, effectiveFrom: true }),
) {}

class ProcedureDto extends createZodDto(procedureSchema) {}
class ProcedureDetailDto extends createZodDto(procedureDetailSchema) {}
class OfferingDto extends createZodDto(offeringSchema) {}
class LevelChangeDto extends createZodDto(levelChangeSchema) {}

@ApiTags('procedures')
@UseInterceptors(ZodSerializerInterceptor)
@Controller('v1/procedures')
export class ProceduresController {
  constructor(private readonly procedures: ProceduresService) {}

  @Get()
  @Access({ roles: ROLE_SETS.readFigures, agency: { query: 'within' }, narrowing: ['agency'] })
  @ApiOperation({
    operationId: 'listProcedures',
    summary: 'Procedures, by code; optionally of one field, offered by one agency or within a subtree',
  })
  @ZodResponse({ status: 200, type: [ProcedureDto] })
  @ApiErrorResponses(400)
  listProcedures(@Query() query: ProcedureListQuery): Promise<ProcedureDto[]> {
    return this.procedures.list({ field: query.field, agencyCode: query.agency, within: query.within });
  }

  @Post()
  @Access({ roles: ROLE_SETS.administer })
  @ApiOperation({ operationId: 'createProcedure', summary: 'Add a procedure' })
  @ZodResponse({ status: 201, type: ProcedureDto })
  @ApiErrorResponses(400, 409)
  createProcedure(@Body() body: NewProcedureBody): Promise<ProcedureDto> {
    return this.procedures.create(body);
  }

  @Get(':code')
  @Access({ roles: ROLE_SETS.readFigures, agency: { query: 'within' } })
  @ApiOperation({
    operationId: 'getProcedure',
    summary: 'One procedure with the agencies offering it and each offering’s level history, oldest first',
  })
  @ZodResponse({ status: 200, type: ProcedureDetailDto })
  @ApiErrorResponses(400, 404)
  getProcedure(
    @Param() { code }: ProcedureParams,
    @Query() query: ProcedureQuery,
  ): Promise<ProcedureDetailDto> {
    return this.procedures.get(code, { within: query.within });
  }

  @Put(':code')
  @Access({ roles: ROLE_SETS.administer })
  @ApiOperation({
    operationId: 'replaceProcedure',
    summary: "Replace a procedure's name, field and end date",
  })
  @ZodResponse({ status: 200, type: ProcedureDto })
  @ApiErrorResponses(400, 404)
  replaceProcedure(@Param() { code }: ProcedureParams, @Body() body: ProcedureBody): Promise<ProcedureDto> {
    return this.procedures.replace(code, { ...body, code });
  }

  @Delete(':code')
  @HttpCode(204)
  @Access({ roles: ROLE_SETS.administer })
  @ApiOperation({
    operationId: 'deleteProcedure',
    summary: 'Remove a procedure no agency offers',
    description:
      'Refused (409) while agencies offer it (or did): end it with validTo instead, and its history is kept.',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrorResponses(400, 404, 409)
  async deleteProcedure(@Param() { code }: ProcedureParams): Promise<void> {
    await this.procedures.remove(code);
  }

  @Put(':code/offerings/:agency')
  @Access({ roles: ROLE_SETS.administer })
  @ApiOperation({
    operationId: 'putOffering',
    summary: 'Record that an agency offers the procedure (creates or updates; validTo ends the offering)',
  })
  @ZodResponse({ status: 200, type: OfferingDto })
  @ApiErrorResponses(400, 404)
  putOffering(@Param() { code, agency }: OfferingParams, @Body() body: OfferingBody): Promise<OfferingDto> {
    return this.procedures.putOffering({ ...body, procedureCode: code, agencyCode: agency });
  }

  @Delete(':code/offerings/:agency')
  @HttpCode(204)
  @Access({ roles: ROLE_SETS.administer })
  @ApiOperation({
    operationId: 'deleteOffering',
    summary: 'Remove an offering without level history',
    description:
      'Refused (409) while it has level changes: end it with validTo instead, and its history is kept.',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrorResponses(400, 404, 409)
  async deleteOffering(@Param() { code, agency }: OfferingParams): Promise<void> {
    await this.procedures.removeOffering(code, agency);
  }

  @Put(':code/offerings/:agency/levels/:effectiveFrom')
  @Access({ roles: ROLE_SETS.administer })
  @ApiOperation({
    operationId: 'putLevelChange',
    summary: 'Record the service level an offering has from a date (creates the offering if needed)',
  })
  @ZodResponse({ status: 200, type: LevelChangeDto })
  @ApiErrorResponses(400, 404)
  putLevelChange(
    @Param() { code, agency, effectiveFrom }: LevelChangeParams,
    @Body() body: LevelChangeBody,
  ): Promise<LevelChangeDto> {
    return this.procedures.putLevel({ ...body, procedureCode: code, agencyCode: agency, effectiveFrom });
  }

  @Delete(':code/offerings/:agency/levels/:effectiveFrom')
  @HttpCode(204)
  @Access({ roles: ROLE_SETS.administer })
  @ApiOperation({ operationId: 'deleteLevelChange', summary: 'Remove one level change from the history' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrorResponses(400, 404)
  async deleteLevelChange(@Param() { code, agency, effectiveFrom }: LevelChangeParams): Promise<void> {
    await this.procedures.removeLevel(code, agency, effectiveFrom);
  }
}
