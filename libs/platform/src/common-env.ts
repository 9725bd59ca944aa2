import { Transform } from 'class-transformer';
import { IsIn, IsString, MinLength } from 'class-validator';
import { LOG_LEVELS, PinoLevel, toPinoLevel } from './log-level';

/**
 * Variables both apps read, with the same rules. Each app's environment class extends it; declare
 * every type explicitly (`PORT: number = 1`): class-transformer converts the raw strings by it.
 */
export class CommonEnv {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: string = 'development';

  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? (toPinoLevel(value) ?? value) : value,
  )
  @IsIn(LOG_LEVELS, {
    message: `LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR (or ${LOG_LEVELS.join(', ')})`,
  })
  LOG_LEVEL: PinoLevel = 'info';

  /** Shared token of the Manager API. */
  @IsString()
  @MinLength(16)
  MANAGER_TOKEN!: string;

  /** Credentials the Manager gives functions; the Gateway accepts SigV4 signed with them. */
  @IsString()
  @MinLength(8)
  FUNCTION_AWS_ACCESS_KEY_ID!: string;

  @IsString()
  @MinLength(16)
  FUNCTION_AWS_SECRET_ACCESS_KEY!: string;

  get production(): boolean {
    return this.NODE_ENV === 'production';
  }
}
