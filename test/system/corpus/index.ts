import { BODY_CASES } from './body-cases';
import { FUNCTION_RESULT_CASES } from './function-result-cases';
import { HEADER_CASES } from './header-cases';
import type { HostileCase } from './hostile-case';
import { JWT_CASES } from './jwt-cases';
import { LOGIN_CASES } from './login-cases';
import { METHOD_CASES } from './method-cases';
import { PATH_CASES } from './path-cases';
import { PROTOTYPE_CASES } from './prototype-cases';

export const HOSTILE_CASES: HostileCase[] = [
  ...LOGIN_CASES,
  ...JWT_CASES,
  ...BODY_CASES,
  ...PATH_CASES,
  ...HEADER_CASES,
  ...METHOD_CASES,
  ...FUNCTION_RESULT_CASES,
  ...PROTOTYPE_CASES,
];
