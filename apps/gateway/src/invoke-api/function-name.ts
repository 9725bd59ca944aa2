import { FUNCTION_NAME_PATTERN } from '@app/contracts';

const ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:([^:]+)(?::[^:]+)?$/;
const PARTIAL_ARN = /^\d{12}:function:([^:]+)(?::[^:]+)?$/;
const WITH_QUALIFIER = /^([^:]+):[^:]+$/;

/**
 * The function name inside the Invoke API's `FunctionName`: a plain name, `name:qualifier`, a full
 * ARN or a partial one (`123456789012:function:name`). Undefined when it is none of these.
 */
export function functionNameFrom(value: string): string | undefined {
  const name =
    ARN.exec(value)?.[1] ??
    PARTIAL_ARN.exec(value)?.[1] ??
    WITH_QUALIFIER.exec(value)?.[1] ??
    value;
  return FUNCTION_NAME_PATTERN.test(name) ? name : undefined;
}
