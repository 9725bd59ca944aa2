import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@app/platform';
import { FUNCTION_LIST, type FunctionList } from './ports';

/** The Manager's list of functions is fetched again at most this often, when a name is not on it. */
export const FUNCTION_LIST_REFRESH_MS = 1000;

/**
 * The names the Manager configures, so a call naming an unknown function is answered here: 3,000
 * distinct unknown names make at most one list call per second, no ensure round trip, no pool
 * entry and no metrics label each. A function added to functions.yml is callable within a second.
 * When the list cannot be had (older Manager, outage), every name may exist: the ensure decides.
 */
@Injectable()
export class KnownFunctions {
  private readonly logger = new Logger(KnownFunctions.name);
  private names = new Set<string>();
  private listed = false;
  private fetchedAt = -Infinity;
  private fetching?: Promise<void>;

  constructor(
    @Inject(FUNCTION_LIST) private readonly list: FunctionList,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async mayExist(name: string): Promise<boolean> {
    if (this.names.has(name)) return true;
    if (this.clock.now() - this.fetchedAt >= FUNCTION_LIST_REFRESH_MS) await this.refresh();
    return !this.listed || this.names.has(name);
  }

  private refresh(): Promise<void> {
    this.fetching ??= Promise.resolve()
      .then(() => this.list.functions())
      .then((names) => {
        this.names = new Set(names);
        this.listed = true;
      })
      .catch((error: unknown) => {
        this.listed = false;
        this.logger.warn(`function list unavailable: ${(error as Error).message}`);
      })
      .finally(() => {
        this.fetchedAt = this.clock.now();
        this.fetching = undefined;
      });
    return this.fetching;
  }
}
