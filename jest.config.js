/** Three test tiers, selected with `jest --selectProjects <name>`. */
const moduleNameMapper = {
  '^@app/contracts(|/.*)$': '<rootDir>/libs/contracts/src$1',
  '^@app/sam-generator(|/.*)$': '<rootDir>/libs/sam-generator/src$1',
  '^@app/platform(|/.*)$': '<rootDir>/libs/platform/src$1',
  '^@app/lambda-runtime(|/.*)$': '<rootDir>/libs/lambda-runtime/src$1',
};
const base = {
  rootDir: __dirname,
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: {
    // The contracts' DTOs with the OpenAPI metadata `nest build manager` gives them.
    '^.+\\.dto\\.ts$': '<rootDir>/test/support/dto-transformer.js',
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  testEnvironment: 'node',
  moduleNameMapper,
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};
module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/{apps,libs,test}/**/*.e2e-spec.ts'] },
    {
      ...base,
      displayName: 'docker',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.docker-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/docker-timeout.ts'],
    },
  ],
};
