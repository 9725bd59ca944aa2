// Jest transformer for the contracts' `*.dto.ts` files: compiles each with the TypeScript program
// and the @nestjs/swagger compiler plugin exactly as `nest build manager` does (nest-cli.json), so in
// tests the DTOs carry the OpenAPI metadata they have in the built Manager
// (apps/manager/src/api/openapi.ts). The plugin needs the type checker, which ts-jest's
// file-by-file compilation (isolatedModules) does not have; everything else stays on ts-jest.
const { createHash } = require('node:crypto');
const { join } = require('node:path');
const ts = require('typescript');
const { before } = require('@nestjs/swagger/plugin');
const swaggerVersion = require('@nestjs/swagger/package.json').version;
const nestCli = require('../../nest-cli.json');

const [plugin] = nestCli.projects.manager.compilerOptions.plugins;
const parsed = ts.getParsedCommandLineOfConfigFile(
  join(__dirname, '../../tsconfig.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  },
);
const options = {
  ...parsed.options,
  incremental: false,
  declaration: false,
  sourceMap: false,
  inlineSourceMap: true,
  inlineSources: true,
};

module.exports = {
  getCacheKey(source, path) {
    return createHash('sha256')
      .update([source, path, JSON.stringify(plugin), ts.version, swaggerVersion].join('\0'))
      .digest('hex');
  },
  process(source, path) {
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    host.readFile = (name) => (name === path ? source : readFile(name));
    const program = ts.createProgram([path], options, host);
    let code;
    const { diagnostics } = program.emit(
      program.getSourceFile(path),
      (name, text) => {
        if (name.endsWith('.js')) code = text;
      },
      undefined,
      false,
      { before: [before(plugin.options, program)] },
    );
    if (code === undefined) {
      throw new Error(
        `${path}: ${diagnostics.map((d) => d.messageText).join('; ') || 'no output'}`,
      );
    }
    return { code };
  },
};
