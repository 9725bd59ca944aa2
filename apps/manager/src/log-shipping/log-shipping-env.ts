import { IsOptional, IsUrl } from 'class-validator';
import { EnvironmentSchema, IntegerVariable, NumberVariable } from '@app/platform';
import type { LogShippingSettings } from './ports';

/** The log pipeline's own variables (read once at start-up, beside the Manager's). */
export class LogShippingEnv {
  /** VictoriaLogs base URL; unset = no shipping (logs stay on each container's stdout). */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  VICTORIALOGS_URL?: string;

  @NumberVariable(0.1)
  LOG_SHIPPING_DISCOVERY_SECONDS: number = 2;

  @NumberVariable(0.05)
  LOG_SHIPPING_FLUSH_SECONDS: number = 1;

  @IntegerVariable(1)
  LOG_SHIPPING_BATCH_SIZE: number = 500;

  @IntegerVariable(1)
  LOG_SHIPPING_BUFFER_RECORDS: number = 10_000;

  get settings(): LogShippingSettings {
    return {
      discoveryIntervalMs: this.LOG_SHIPPING_DISCOVERY_SECONDS * 1000,
      flushIntervalMs: this.LOG_SHIPPING_FLUSH_SECONDS * 1000,
      batchSize: this.LOG_SHIPPING_BATCH_SIZE,
      maxBufferedRecords: this.LOG_SHIPPING_BUFFER_RECORDS,
    };
  }
}

export const LOG_SHIPPING_ENV_SCHEMA: EnvironmentSchema<LogShippingEnv> = {
  type: LogShippingEnv,
  secrets: [],
};
