import {
  BadRequestException,
  Body,
  Controller,
  HttpCode,
  Post,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { secretsEqual } from '@app/platform';
import { GatewayEnv } from '../config/gateway-env';
import { ApiKeyGuard } from './api-key.guard';
import { JwtTokens } from './jwt-tokens';
import { parseLoginRequest } from './login-request';

/** `POST /user/auth/ver1.0` (and the seed's later `/user/auth/v1`): API key + user → ID token. */
@Controller('user/auth')
export class LoginController {
  constructor(
    private readonly env: GatewayEnv,
    private readonly tokens: JwtTokens,
  ) {}

  @Post(['ver1.0', 'v1'])
  @HttpCode(200)
  @UseGuards(ApiKeyGuard)
  async login(@Body() body: unknown) {
    const credentials = parseLoginRequest(Buffer.isBuffer(body) ? body : Buffer.alloc(0));
    if (!credentials) throw new BadRequestException();
    const userMatches = secretsEqual(credentials.username, this.env.AUTH_USER);
    const passwordMatches = secretsEqual(credentials.password, this.env.AUTH_PASS);
    if (!userMatches || !passwordMatches) throw new UnauthorizedException();
    const { token, expiresIn } = await this.tokens.issue(credentials.username);
    return { AuthenticationResult: { IdToken: token, ExpiresIn: expiresIn, TokenType: 'Bearer' } };
  }
}
