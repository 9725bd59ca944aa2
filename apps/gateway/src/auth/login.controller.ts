import {
  BadRequestException,
  Body,
  Controller,
  HttpCode,
  HttpException,
  Inject,
  Ip,
  Logger,
  Post,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { CLOCK, type Clock, secretsEqual } from '@app/platform';
import { GatewayEnv } from '../config/gateway-env';
import { ApiKeyGuard } from './api-key.guard';
import { JwtTokens } from './jwt-tokens';
import { LoginAttempts } from './login-attempts';
import { parseLoginRequest } from './login-request';

/**
 * `POST /user/auth/ver1.0` (and the seed's later `/user/auth/v1`): API key + user → ID token.
 * Repeated failed logins from one client lock it out for a while (429); failures are logged with
 * the client's address only, never what it sent.
 */
@Controller('user/auth')
export class LoginController {
  private readonly logger = new Logger('Login');

  constructor(
    private readonly env: GatewayEnv,
    private readonly tokens: JwtTokens,
    private readonly attempts: LoginAttempts,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post(['ver1.0', 'v1'])
  @HttpCode(200)
  @UseGuards(ApiKeyGuard)
  async login(@Body() body: unknown, @Ip() client: string) {
    const waitMs = this.attempts.lockedFor(client, this.clock.now());
    if (waitMs > 0) throw new HttpException('Too Many Requests', 429);
    const credentials = parseLoginRequest(Buffer.isBuffer(body) ? body : Buffer.alloc(0));
    if (!credentials) throw new BadRequestException();
    const userMatches = secretsEqual(credentials.username, this.env.AUTH_USER);
    const passwordMatches = secretsEqual(credentials.password, this.env.AUTH_PASS);
    if (!userMatches || !passwordMatches) {
      const locked = this.attempts.failed(client, this.clock.now());
      this.logger.warn(`failed login from ${client}${locked ? ' (now locked out)' : ''}`);
      throw new UnauthorizedException();
    }
    this.attempts.succeeded(client);
    const { token, expiresIn } = await this.tokens.issue(credentials.username);
    return { AuthenticationResult: { IdToken: token, ExpiresIn: expiresIn, TokenType: 'Bearer' } };
  }
}
