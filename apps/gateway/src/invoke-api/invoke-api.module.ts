import { Module } from '@nestjs/common';
import { AsyncModule } from '../async/async.module';
import { AuthModule } from '../auth/auth.module';
import { InvocationModule } from '../invocation/invocation.module';
import { ObservabilityModule } from '../observability/observability.module';
import { InvokeController } from './invoke.controller';

/** The Lambda Invoke API (`/2015-03-31/functions/{name}/invocations`). Exports nothing. */
@Module({
  imports: [AsyncModule, AuthModule, InvocationModule, ObservabilityModule],
  controllers: [InvokeController],
})
export class InvokeApiModule {}
