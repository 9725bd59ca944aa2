/** The error JSON Lambda's node runtime reports: `errorType`, `errorMessage` and the stack as `trace`. */
export interface NodeErrorBody {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

export function errorBodyFor(error: unknown, errorType?: string): NodeErrorBody {
  if (error instanceof Error) {
    return {
      errorType: errorType ?? error.name ?? 'Error',
      errorMessage: error.message,
      trace: (error.stack ?? '').split('\n').filter((line) => line !== ''),
    };
  }
  return {
    errorType: errorType ?? typeof error,
    errorMessage: typeof error === 'string' ? error : safeString(error),
    trace: [],
  };
}

function safeString(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Raised with a Lambda error type (e.g. `Runtime.ImportModuleError`) while loading the handler. */
export class RuntimeError extends Error {
  constructor(errorType: string, message: string) {
    super(message);
    this.name = errorType;
  }
}
