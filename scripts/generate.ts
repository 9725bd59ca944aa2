import {
  ConfigText,
  Diagnostic,
  formatDiagnostic,
  generate,
  GENERATE_FLAGS,
  GeneratorOptions,
  isGeneratedFile,
  parseFlags,
  ProjectFiles,
  resolveGeneratorOptions,
  summarizeFunctions,
  summarizeIgnored,
  UsageError,
} from '@app/sam-generator';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { stageFunction } from './generate-staging';
import { pathInside, ProjectRoot, StagingError } from './staging-guard';

const USAGE = `usage: npm run generate -- --config <generator.yml>
       npm run generate -- --template <template.yaml> --out <dir>
         [--param Key=Value]… [--base-image [<family|runtime|AWS base image>=]<image>]…
         [--image-prefix onpre-lambda/fn-] [--image-tag latest] [--stack-name name] [--region r]`;

function projectFiles(root: string): ProjectFiles {
  const stat = (path: string) => statSync(join(root, path), { throwIfNoEntry: false });
  return {
    isFile: (path) => stat(path)?.isFile() ?? false,
    isDirectory: (path) => stat(path)?.isDirectory() ?? false,
    // OpenAPI files and includes: read only when they (and their symlinks) stay in the project.
    readText: (path) => {
      if (!stat(path)?.isFile()) return undefined;
      new ProjectRoot(root).assertInside(join(root, path));
      return readFileSync(join(root, path), 'utf8');
    },
  };
}

function readOptions(argv: string[]): GeneratorOptions {
  const flags = parseFlags(argv, GENERATE_FLAGS);
  const configPath = flags.config?.at(-1);
  const config: ConfigText | undefined = configPath
    ? { path: configPath, text: readFileSync(configPath, 'utf8') }
    : undefined;
  return resolveGeneratorOptions(flags, config);
}

function print(prefix: string, diagnostics: Diagnostic[]): void {
  for (const diagnostic of diagnostics) console.error(`${prefix}: ${formatDiagnostic(diagnostic)}`);
}

/** Never write over the project itself: the template must live outside the output directory. */
function assertSeparateOutput(template: string, out: string): void {
  const templateInsideOut = relative(resolve(out), resolve(dirname(template)));
  if (!templateInsideOut.startsWith('..') && !isAbsolute(templateInsideOut)) {
    throw new UsageError(`--out ${out} contains the template; choose a separate output directory`);
  }
}

/** Removes the build contexts of an earlier run (only folders whose Dockerfile this tool wrote). */
function removeGeneratedFunctions(out: string): void {
  const functions = join(out, 'functions');
  if (!existsSync(functions)) return;
  for (const name of readdirSync(functions)) {
    const dockerfile = join(functions, name, 'Dockerfile');
    if (existsSync(dockerfile) && isGeneratedFile(readFileSync(dockerfile, 'utf8'))) {
      rmSync(join(functions, name), { recursive: true, force: true });
    }
  }
}

async function main(argv: string[]): Promise<number> {
  const started = Date.now();
  const options = readOptions(argv);
  assertSeparateOutput(options.template, options.out);
  const templateDir = dirname(options.template);
  const result = generate({
    templateFile: relative(process.cwd(), options.template),
    templateText: readFileSync(options.template, 'utf8'),
    files: projectFiles(templateDir),
    parameterOverrides: options.parameters,
    pseudo: options.pseudo,
    images: options.images,
    defaults: options.defaults,
  });
  print('warning', result.warnings);
  print('error', result.errors);
  if (!result.output) {
    for (const line of summarizeIgnored(result.ignored)) console.error(line);
    console.error(`generate: ${result.errors.length} error(s); nothing written`);
    return 1;
  }
  const project = new ProjectRoot(templateDir);
  for (const fn of result.output.functions) {
    // Jars, zips and inline code are checked as they are staged.
    const code = fn.code || fn.image?.kind === 'uri' ? [] : [fn.codeUri];
    for (const folder of [...code, ...fn.layers.map((layer) => layer.contentUri)]) {
      project.assertTreeInside(pathInside(templateDir, folder));
    }
  }
  removeGeneratedFunctions(options.out);
  for (const [path, content] of Object.entries(result.output.files)) {
    const target = pathInside(options.out, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  for (const fn of result.output.functions) await stageFunction(fn, templateDir, options.out);
  const routes = result.output.functions.reduce((count, fn) => count + fn.routes.length, 0);
  for (const line of summarizeFunctions(result.output.functions)) console.log(line);
  for (const line of summarizeIgnored(result.ignored)) console.log(line);
  console.log(
    `generate: ${result.output.functions.length} functions, ${routes} routes → ${options.out} (${Date.now() - started} ms)`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`generate: ${error.message}\n${USAGE}`);
    else if (error instanceof StagingError) console.error(`error: ${error.message}`);
    else console.error(`generate: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
