import {
  Body,
  Controller,
  Get,
  HttpCode,
  Post,
  Req,
  Res,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createZodDto } from '../http/zod-dto';
import { z } from 'zod';
import {
  Access,
  CurrentPrincipal,
  Principal,
  principalSchema,
  ROLE_SETS,
  SESSION_COOKIE,
  sessionPrincipal,
  SessionsService,
} from '@dvc/access';
import { AppConfig } from '@dvc/config';
import { LoginThrottlerGuard } from './login-throttler.guard';

class LoginBody extends createZodDto(
  z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(1000) }).strict(),
) {}
class PrincipalDto extends createZodDto(principalSchema) {}
class LoginResponseDto extends createZodDto(z.object({ principal: principalSchema })) {}

/** Sign-in for people with a local account: a session cookie (httpOnly, SameSite=Lax) for the browser. */
@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Access({ public: true })
  @UseGuards(LoginThrottlerGuard)
  @ApiOperation({
    operationId: 'login',
    summary: 'Sign in with a username and password; sets the session cookie',
    description:
      'LOGIN_RATE_LIMIT attempts per client address and username in LOGIN_RATE_WINDOW_SECONDS, then 429',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  async login(
    @Body() body: LoginBody,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResponseDto> {
    const signedIn = await this.sessions.signIn(body.username, body.password);
    if (!signedIn) throw new UnauthorizedException('wrong username or password');
    const { user, secret } = signedIn;
    response.cookie(SESSION_COOKIE, secret, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.SESSION_COOKIE_SECURE,
      path: '/',
      maxAge: this.sessions.ttlMs,
    });
    return { principal: sessionPrincipal(user) };
  }

  @Post('logout')
  @HttpCode(204)
  @Access({ public: true })
  @ApiOperation({ operationId: 'logout', summary: 'End the session (idempotent) and clear its cookie' })
  @ApiNoContentResponse({ description: 'Signed out' })
  async logout(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    const secret = (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (secret) await this.sessions.close(secret);
    response.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/' });
  }

  @Get('me')
  @Access({ roles: ROLE_SETS.anyone })
  @ApiOperation({ operationId: 'me', summary: 'Who the caller is: name, role, agency scope, source' })
  @ApiOkResponse({ type: PrincipalDto })
  me(@CurrentPrincipal() principal: Principal): PrincipalDto {
    return principal;
  }
}
