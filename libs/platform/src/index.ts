export * from './env';
export * from './secrets';
export * from './log-level';
export * from './logging.module';
export * from './health';
export * from './fastify-adapter';
export * from './common-env';
export * from './config-watch';
