import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { InvocationModule } from '../invocation/invocation.module';
import { IssuerKeys, issuerKeySettingsProvider } from './issuer-keys';
import { JwtAuthorizers } from './jwt-authorizers';
import { LambdaAuthorizers } from './lambda-authorizers';
import { RouteAuthorizerGuard } from './route-authorizer.guard';
import { API_KEY_ENVIRONMENT, UsagePlans } from './usage-plans';
import { UsagePlanGuard } from './usage-plan.guard';

/**
 * What a template declares to protect its routes: Lambda, JWT and Cognito authorizers, API keys,
 * usage plans and stage throttles, applied by two guards on the routed API (`RouteAuthorizerGuard`
 * → `UsagePlanGuard`). Exports the services those guards need where they are used.
 */
@Module({
  imports: [AuthModule, InvocationModule],
  providers: [
    issuerKeySettingsProvider,
    { provide: API_KEY_ENVIRONMENT, useValue: process.env },
    IssuerKeys,
    JwtAuthorizers,
    LambdaAuthorizers,
    UsagePlans,
    RouteAuthorizerGuard,
    UsagePlanGuard,
  ],
  exports: [AuthModule, JwtAuthorizers, LambdaAuthorizers, UsagePlans],
})
export class AuthorizersModule {}
