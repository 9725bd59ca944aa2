import { FunctionsFileDefaults } from '@app/contracts/config-files';
import { parseCloudFormationYaml, YamlSyntaxError } from './cfn-yaml';
import { Diagnostic, IssueList, TemplateError } from './diagnostics';
import { readFunction, resolveUsedProperties } from './functions';
import { IntrinsicResolver, PseudoParameters, TemplateResource } from './intrinsics';
import { readLayers } from './layers';
import { DEFAULT_IMAGE_OPTIONS, FunctionSpec, ImageOptions, ProjectFiles } from './model';
import { resolveParameters } from './parameters';
import {
  functionDirectory,
  imageName,
  renderDockerfile,
  renderFunctionsFile,
  renderRoutingFile,
} from './render';
import { toDiagnostics } from './locate-issues';
import { compareRoutes, reportDuplicateRoutes } from './routes';

export interface GenerateInput {
  /** Template path as it should appear in messages and generated headers. */
  templateFile: string;
  templateText: string;
  /** The project directory around the template (for CodeUri, ContentUri and handler files). */
  files: ProjectFiles;
  parameterOverrides?: Record<string, string>;
  pseudo?: Partial<PseudoParameters>;
  images?: ImageOptions;
  /** Copied to `functions.yml` `defaults` (e.g. endpoints every function needs). */
  defaults?: FunctionsFileDefaults;
}

export interface GeneratedOutput {
  /** File contents keyed by path relative to the output directory. */
  files: Record<string, string>;
  functions: FunctionSpec[];
}

export interface GenerateResult {
  errors: Diagnostic[];
  warnings: Diagnostic[];
  /** Present only when there are no errors. */
  output?: GeneratedOutput;
}

export const DEFAULT_PSEUDO_PARAMETERS: PseudoParameters = {
  region: 'us-east-1',
  accountId: '123456789012',
  stackName: 'onpre-lambda',
};

/** Resources the generator turns into something; other types are reported and skipped. */
const HANDLED_TYPES = ['AWS::Serverless::Function', 'AWS::Serverless::LayerVersion'];
/** Resources whose only job here is to carry routes that the functions' events already declare. */
const IMPLIED_TYPES = ['AWS::Serverless::Api', 'AWS::Serverless::HttpApi'];
/** References to these are served by onpre-lambda itself, so no warning. */
const SIMULATED_TYPES = [
  'AWS::Serverless::Function',
  'AWS::Lambda::Function',
  'AWS::Serverless::LayerVersion',
];

type TemplateDocument = {
  Parameters?: Record<string, object>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Conditions?: Record<string, unknown>;
  Globals?: { Function?: Record<string, unknown> };
  Resources?: Record<string, TemplateResource>;
};

function analyse(
  input: GenerateInput,
  document: TemplateDocument,
  issues: IssueList,
): GeneratedOutput | undefined {
  const resources = document.Resources ?? {};
  const parameters = resolveParameters(
    document.Parameters ?? {},
    input.parameterOverrides ?? {},
    issues,
  );
  const resolver = new IntrinsicResolver({
    parameters,
    pseudo: { ...DEFAULT_PSEUDO_PARAMETERS, ...input.pseudo },
    resources,
    mappings: document.Mappings ?? {},
    conditions: document.Conditions ?? {},
  });
  const active = Object.entries(resources).filter(([logicalId, resource]) => {
    try {
      return (
        !resource.Condition ||
        resolver.condition(resource.Condition, ['Resources', logicalId, 'Condition'])
      );
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      issues.error(error.path, error.message, logicalId);
      return false;
    }
  });
  const layers = readLayers(Object.fromEntries(active), resolver, input.files, issues);
  const globals = resolveUsedProperties(
    document.Globals?.Function ?? {},
    ['Globals', 'Function'],
    resolver,
    issues,
  );
  const functions: FunctionSpec[] = [];
  for (const [logicalId, resource] of active) {
    if (resource.Type === 'AWS::Serverless::Function') {
      const fn = readFunction(logicalId, resource, {
        resolver,
        globals,
        layers,
        files: input.files,
        issues,
      });
      if (fn) functions.push(fn);
    } else if (!HANDLED_TYPES.includes(resource.Type) && !IMPLIED_TYPES.includes(resource.Type)) {
      issues.warning(
        ['Resources', logicalId, 'Type'],
        `${resource.Type} is not created by onpre-lambda; skipped (provide it on your own endpoint)`,
        logicalId,
      );
    }
  }
  for (const reference of resolver.references) {
    if (!reference.path.includes('Environment') || SIMULATED_TYPES.includes(reference.type))
      continue;
    issues.warning(
      reference.path,
      `environment value refers to ${reference.logicalId} (${reference.type}), which onpre-lambda does not create; using '${reference.value}'`,
      typeof reference.path[1] === 'string' ? reference.path[1] : undefined,
    );
  }
  const images = input.images ?? DEFAULT_IMAGE_OPTIONS;
  const claimed = new Map<string, string>();
  for (const fn of functions) {
    const image = imageName(fn.name, images);
    const owner = claimed.get(image);
    if (owner) {
      issues.error(
        ['Resources', fn.logicalId],
        `function ${fn.name} would share image ${image} with ${owner}`,
        fn.logicalId,
      );
    }
    claimed.set(image, fn.name);
  }
  const routes = functions.flatMap((fn) => fn.routes).sort(compareRoutes);
  reportDuplicateRoutes(
    functions.flatMap((fn) => fn.routes),
    issues,
  );
  if (issues.hasErrors()) return undefined;

  const files: Record<string, string> = {
    'functions.yml': renderFunctionsFile(functions, images, input.templateFile, input.defaults),
    'routing.yml': renderRoutingFile(routes, input.templateFile),
  };
  for (const fn of [...functions].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    files[`${functionDirectory(fn.name)}/Dockerfile`] = renderDockerfile(
      fn,
      images,
      input.templateFile,
    );
  }
  return { files, functions };
}

/**
 * Reads a SAM template and renders what onpre-lambda runs: a Dockerfile per function,
 * `functions.yml` and `routing.yml`. Pure: the project's files are only looked at through `files`.
 */
export function generate(input: GenerateInput): GenerateResult {
  const issues = new IssueList();
  let output: GeneratedOutput | undefined;
  try {
    const document = parseCloudFormationYaml(input.templateText);
    if (typeof document !== 'object' || document === null || !('Resources' in document)) {
      issues.error([], 'not a SAM template: no Resources section');
    } else {
      output = analyse(input, document as TemplateDocument, issues);
    }
  } catch (error) {
    if (!(error instanceof YamlSyntaxError)) throw error;
    const diagnostic: Diagnostic = {
      severity: 'error',
      file: input.templateFile,
      line: error.line,
      message: `YAML syntax error: ${error.message}`,
    };
    return { errors: [diagnostic], warnings: [] };
  }
  const diagnostics = toDiagnostics(issues.items, input.templateFile, input.templateText);
  return {
    errors: diagnostics.filter((diagnostic) => diagnostic.severity === 'error'),
    warnings: diagnostics.filter((diagnostic) => diagnostic.severity === 'warning'),
    ...(output ? { output } : {}),
  };
}
