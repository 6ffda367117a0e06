import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from '../http/zod-dto';
import { z } from 'zod';
import {
  Access,
  apiTokenInputSchema,
  apiTokenSchema,
  ApiTokensService,
  CurrentPrincipal,
  Principal,
  ROLE_SETS,
} from '@dvc/access';
import { ApiErrorResponses } from '../catalogue/error-response.dto';

class TokenBody extends createZodDto(apiTokenInputSchema) {}
class TokenDto extends createZodDto(apiTokenSchema) {}
class IssuedTokenDto extends createZodDto(
  z.object({
    token: z.string().describe('The secret: shown this once, stored only as a hash'),
    record: apiTokenSchema,
  }),
) {}
class TokenParams extends createZodDto(
  z.object({ id: z.string().min(1).max(100).describe('Token id or prefix (dvc_xxxxxxxx)') }).strict(),
) {}

@ApiTags('access')
@Access({ roles: ROLE_SETS.administer })
@Controller('v1/tokens')
export class TokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Post()
  @ApiOperation({
    operationId: 'createToken',
    summary: 'Issue an API token; its secret is in this answer only',
  })
  @ApiCreatedResponse({ type: IssuedTokenDto })
  @ApiErrorResponses(400)
  createToken(@Body() body: TokenBody, @CurrentPrincipal() principal: Principal): Promise<IssuedTokenDto> {
    return this.tokens.issue({
      owner: body.owner,
      scope: { role: body.role, agencyCode: body.agencyCode, sourceId: body.sourceId },
      expiresInDays: body.expiresInDays,
      createdBy: principal.name,
    });
  }

  @Get()
  @ApiOperation({
    operationId: 'listTokens',
    summary: 'Every API token: prefix, owner, role, scope, expiry, last use',
  })
  @ApiOkResponse({ type: [TokenDto] })
  listTokens(): Promise<TokenDto[]> {
    return this.tokens.list();
  }

  @Delete(':id')
  @ApiOperation({
    operationId: 'revokeToken',
    summary: 'Revoke a token (by id or prefix); it is refused from now on',
  })
  @ApiOkResponse({ type: TokenDto })
  @ApiErrorResponses(400, 404)
  revokeToken(@Param() { id }: TokenParams): Promise<TokenDto> {
    return this.tokens.revoke(id);
  }
}
