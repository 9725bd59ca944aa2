import { Module } from '@nestjs/common';
import { InvocationModule } from '../invocation/invocation.module';
import { FunctionUrlController } from './function-url.controller';

/** Lambda function URLs (`/lambda-url/<function>/…`); the table comes from `RoutingModule`. */
@Module({
  imports: [InvocationModule],
  controllers: [FunctionUrlController],
})
export class FunctionUrlsModule {}
