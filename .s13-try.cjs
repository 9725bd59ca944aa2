const { tsTranspileModule } = require('ts-jest/dist/transpilers/typescript/transpile-module');
const ts = require('typescript');
const t = require('./test/support/openapi-plugin.js');
const cfg = ts.getParsedCommandLineOfConfigFile('tsconfig.spec.json', {}, {...ts.sys, onUnRecoverableConfigFileDiagnostic: console.error});
const file = process.argv[2];
const out = tsTranspileModule(require('fs').readFileSync(file,'utf8'), { fileName: require('path').resolve(file), compilerOptions: cfg.options, reportDiagnostics: false,
  transformers: (program) => ({ before: [t.factory({ program })] }) });
console.log(out.outputText.split('\n').filter(l=>/OPENAPI|openapi|return \{/.test(l)).join('\n'));
