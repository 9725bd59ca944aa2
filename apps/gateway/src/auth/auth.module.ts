import { Module } from '@nestjs/common';
import { GatewayEnv } from '../config/gateway-env';
import { ApiKeyGuard } from './api-key.guard';
import { BearerAuthGuard } from './bearer-auth.guard';
import { InvokeAuthGuard } from './invoke-auth.guard';
import { JWT_SETTINGS, JwtSettings, JwtTokens } from './jwt-tokens';
import { LoginAttempts } from './login-attempts';
import { LoginController } from './login.controller';

/**
 * Authentication: the login endpoint and the guards other features put on their controllers
 * (`ApiKeyGuard`, `BearerAuthGuard`, `InvokeAuthGuard`). Façade: `JwtTokens`, which the guards
 * need wherever they are used, and `BearerAuthGuard`, which route protection falls back to. A new auth kind is one more guard here (see docs/architecture.md).
 */
@Module({
  controllers: [LoginController],
  providers: [
    {
      provide: JWT_SETTINGS,
      inject: [GatewayEnv],
      useFactory: (env: GatewayEnv): JwtSettings => ({
        secret: env.JWT_SECRET_KEY,
        expiresInSeconds: env.JWT_EXPIRES_DELTA,
      }),
    },
    {
      provide: LoginAttempts,
      inject: [GatewayEnv],
      useFactory: (env: GatewayEnv) =>
        new LoginAttempts({
          maxFailures: env.LOGIN_MAX_FAILURES,
          windowMs: env.LOGIN_LOCKOUT_SECONDS * 1000,
          lockoutMs: env.LOGIN_LOCKOUT_SECONDS * 1000,
        }),
    },
    JwtTokens,
    ApiKeyGuard,
    BearerAuthGuard,
    InvokeAuthGuard,
  ],
  exports: [JwtTokens, BearerAuthGuard],
})
export class AuthModule {}
