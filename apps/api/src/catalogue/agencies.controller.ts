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
  AgenciesService,
  Agency,
  agencyCodeSchema,
  agencyCodeWarning,
  agencyFieldsSchema,
  agencyInputSchema,
  agencyKindSchema,
  agencySchema,
  lineageFieldsSchema,
  lineageSchema,
  withAgencyDatesInOrder,
} from '@dvc/catalogue';
import { ApiErrorResponses } from './error-response.dto';

const code = agencyCodeSchema.describe('Agency code; any spelling (000.00.12.h12) finds 000.00.12.H12');
const within = agencyCodeSchema
  .optional()
  .describe('Only this agency and the units under it (a department: its own, and only inside it)');

class AgencyParams extends createZodDto(z.object({ code }).strict()) {}
class LineageParams extends createZodDto(
  z
    .object({
      from: code.describe('The old unit'),
      to: code.describe('The unit that took over its work'),
    })
    .strict()
    .refine((link) => link.from !== link.to, { message: 'a unit cannot succeed itself', path: ['to'] }),
) {}

class AgencyListQuery extends createZodDto(
  z
    .object({
      parent: agencyCodeSchema.optional().describe('Only the units directly under this agency'),
      kind: agencyKindSchema.optional(),
      within,
    })
    .strict(),
) {}
class LineageListQuery extends createZodDto(z.object({ within }).strict()) {}
class NewAgencyBody extends createZodDto(agencyInputSchema) {}
/** The code is the one in the path: codes do not change (a new code is a new unit). */
class AgencyBody extends createZodDto(withAgencyDatesInOrder(agencyFieldsSchema.omit({ code: true }))) {}
class LineageBody extends createZodDto(lineageFieldsSchema.pick({ effectiveDate: true })) {}

/**
 * Agency answers carry `warnings`: a code that is not QCVN 102:2016 shaped is kept as a local variant, and
 * the answer says so (empty for QCVN 102 codes), on every read so that importers and editors see it alike.
 */
class AgencyDto extends createZodDto(
  agencySchema.extend({
    warnings: z
      .array(z.string())
      .describe('Why the code is accepted only as a local variant; empty for QCVN 102:2016 codes'),
  }),
) {}
class LineageDto extends createZodDto(lineageSchema) {}

const withWarnings = (agency: Agency): AgencyDto => {
  const warning = agencyCodeWarning(agency.code);
  return { ...agency, warnings: warning ? [warning] : [] };
};

@ApiTags('agencies')
@UseInterceptors(ZodSerializerInterceptor)
@Controller('v1/agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @Get()
  @Access({ roles: ROLE_SETS.readFigures, agency: { query: 'within' }, narrowing: ['parent'] })
  @ApiOperation({
    operationId: 'listAgencies',
    summary: 'Agencies, by code; optionally under a parent, of a kind, or within a subtree',
  })
  @ZodResponse({ status: 200, type: [AgencyDto] })
  @ApiErrorResponses(400)
  async listAgencies(@Query() query: AgencyListQuery): Promise<AgencyDto[]> {
    const agencies = await this.agencies.list({
      parentCode: query.parent,
      kind: query.kind,
      within: query.within,
    });
    return agencies.map(withWarnings);
  }

  @Post()
  @Access({ roles: ROLE_SETS.administer })
  @ApiOperation({ operationId: 'createAgency', summary: 'Add an agency' })
  @ZodResponse({ status: 201, type: AgencyDto })
  @ApiErrorResponses(400, 409)
  async createAgency(@Body() body: NewAgencyBody): Promise<AgencyDto> {
    return withWarnings(await this.agencies.create(body));
  }

  @Get(':code')
  @Access({ roles: ROLE_SETS.readFigures, agency: { param: 'code' } })
  @ApiOperation({ operationId: 'getAgency', summary: 'One agency' })
  @ZodResponse({ status: 200, type: AgencyDto })
  @ApiErrorResponses(400, 404)
  async getAgency(@Param() { code }: AgencyParams): Promise<AgencyDto> {
    return withWarnings(await this.agencies.get(code));
  }

  @Put(':code')
  @Access({ roles: ROLE_SETS.administer })
  @ApiOperation({
    operationId: 'replaceAgency',
    summary: "Replace an agency's name, kind and dates",
    description:
      'The parent stays as it is: a unit keeps its parent for life, so a different parentCode is refused (409). ' +
      'To reorganise, end the unit with validTo and create a new one with a lineage link.',
  })
  @ZodResponse({ status: 200, type: AgencyDto })
  @ApiErrorResponses(400, 404, 409)
  async replaceAgency(@Param() { code }: AgencyParams, @Body() body: AgencyBody): Promise<AgencyDto> {
    return withWarnings(await this.agencies.replace(code, { ...body, code }));
  }

  @Delete(':code')
  @HttpCode(204)
  @Access({ roles: ROLE_SETS.administer })
  @ApiOperation({
    operationId: 'deleteAgency',
    summary: 'Remove an agency',
    description:
      'Refused (409) while units sit under it, or while offerings, lineage links or targets refer to it: ' +
      'end it with validTo instead to keep its history.',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrorResponses(400, 404, 409)
  async deleteAgency(@Param() { code }: AgencyParams): Promise<void> {
    await this.agencies.remove(code);
  }

  @Get(':code/lineage')
  @Access({ roles: ROLE_SETS.readFigures, agency: { param: 'code' } })
  @ApiOperation({
    operationId: 'listAgencyLineage',
    summary: 'Lineage links from or to one agency, oldest first',
  })
  @ZodResponse({ status: 200, type: [LineageDto] })
  @ApiErrorResponses(400, 404)
  listAgencyLineage(@Param() { code }: AgencyParams): Promise<LineageDto[]> {
    return this.agencies.lineage(code);
  }
}

@ApiTags('agencies')
@UseInterceptors(ZodSerializerInterceptor)
@Controller('v1/lineage')
export class LineageController {
  constructor(private readonly agencies: AgenciesService) {}

  @Get()
  @Access({ roles: ROLE_SETS.readFigures, agency: { query: 'within' } })
  @ApiOperation({
    operationId: 'listLineage',
    summary: 'Every lineage link (old unit → new unit), or those from or to a subtree, oldest first',
  })
  @ZodResponse({ status: 200, type: [LineageDto] })
  @ApiErrorResponses(400)
  listLineage(@Query() query: LineageListQuery): Promise<LineageDto[]> {
    return this.agencies.lineage(undefined, { within: query.within });
  }

  @Put(':from/:to')
  @Access({ roles: ROLE_SETS.administer })
  @ApiOperation({
    operationId: 'putLineage',
    summary: 'Record that one unit took over from another on a date (creates or updates the link)',
  })
  @ZodResponse({ status: 200, type: LineageDto })
  @ApiErrorResponses(400)
  putLineage(@Param() { from, to }: LineageParams, @Body() body: LineageBody): Promise<LineageDto> {
    return this.agencies.putLineage({ fromCode: from, toCode: to, effectiveDate: body.effectiveDate });
  }

  @Delete(':from/:to')
  @HttpCode(204)
  @Access({ roles: ROLE_SETS.administer })
  @ApiOperation({ operationId: 'deleteLineage', summary: 'Remove a lineage link' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrorResponses(400, 404)
  async deleteLineage(@Param() { from, to }: LineageParams): Promise<void> {
    await this.agencies.removeLineage(from, to);
  }
}
