export * from './api-gateway-v1';
export * from './api-gateway-v2';
export * from './lambda-error';
export * from './labels';
export * from './config-files';
export * from './manager-api.dto';
export * from './request-id';
export * from './trace-id';
