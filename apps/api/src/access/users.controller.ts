import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from '../http/zod-dto';
import { z } from 'zod';
import { Access, ROLE_SETS, userInputSchema, userSchema, UsersService, usernameSchema } from '@dvc/access';
import { ApiErrorResponses } from '../catalogue/error-response.dto';

class UserBody extends createZodDto(userInputSchema) {}
class UserDto extends createZodDto(userSchema) {}
class UserParams extends createZodDto(z.object({ username: usernameSchema }).strict()) {}

@ApiTags('access')
@Access({ roles: ROLE_SETS.administer })
@Controller('v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({
    operationId: 'createUser',
    summary: 'Add a local account (password kept as an argon2id hash)',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiErrorResponses(400, 409)
  createUser(@Body() body: UserBody): Promise<UserDto> {
    return this.users.create(body);
  }

  @Get()
  @ApiOperation({ operationId: 'listUsers', summary: 'Every local account' })
  @ApiOkResponse({ type: [UserDto] })
  listUsers(): Promise<UserDto[]> {
    return this.users.list();
  }

  @Delete(':username')
  @ApiOperation({ operationId: 'disableUser', summary: 'Disable an account and end its sessions' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrorResponses(400, 404)
  disableUser(@Param() { username }: UserParams): Promise<UserDto> {
    return this.users.disable(username);
  }
}
