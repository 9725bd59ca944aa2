import { IsIn, IsInt, IsNumber, IsString, Max, Min, MinLength } from 'class-validator';
import { Transform } from 'class-transformer';
import { EnvironmentSchema, LOG_LEVELS, PinoLevel, toPinoLevel } from '@app/platform';

/** Every variable the Manager reads; property initialisers are the defaults. */
export class ManagerEnv {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV = 'development';

  @Transform(({ value }) => (typeof value === 'string' ? (toPinoLevel(value) ?? value) : value))
  @IsIn(LOG_LEVELS, {
    message: `LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR (or ${LOG_LEVELS.join(', ')})`,
  })
  LOG_LEVEL: PinoLevel = 'info';

  @IsInt()
  @Min(1)
  @Max(65535)
  MANAGER_PORT = 8081;

  /** Internal only: loopback in dev mode, the internal network's address in Compose. */
  @IsString()
  MANAGER_HOST = '127.0.0.1';

  @IsString()
  @MinLength(16)
  MANAGER_TOKEN!: string;

  @IsNumber()
  @Min(0.001)
  IDLE_TIMEOUT_MINUTES = 5;

  @IsString()
  LAMBDA_NETWORK = 'onpre-internal-network';

  @IsString()
  FUNCTIONS_FILE = 'config/functions.yml';

  get production(): boolean {
    return this.NODE_ENV === 'production';
  }
}

export const MANAGER_ENV_SCHEMA: EnvironmentSchema<ManagerEnv> = {
  type: ManagerEnv,
  secrets: [{ name: 'MANAGER_TOKEN', devDefault: 'dev-manager-token-change-in-production' }],
};
