import { cidrSubnets } from './cidr';
import { IssueList, TemplateError, TemplatePath } from './diagnostics';
import { templateText } from './template-text';

/** `!Ref AWS::NoValue`: the enclosing property or list item is removed. */
export const NO_VALUE = Symbol('AWS::NoValue');

export type ParameterValue = string | string[];

export interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Condition?: string;
  Metadata?: Record<string, unknown>;
}

/** A `Ref`/`GetAtt` that pointed at a resource of the template, with the string it became. */
export interface ResourceReference {
  path: TemplatePath;
  logicalId: string;
  type: string;
  value: string;
}

export interface PseudoParameters {
  region: string;
  accountId: string;
  stackName: string;
}

export interface IntrinsicScope {
  parameters: Record<string, ParameterValue>;
  pseudo: PseudoParameters;
  resources: Record<string, TemplateResource>;
  mappings: Record<string, Record<string, Record<string, unknown>>>;
  conditions: Record<string, unknown>;
}

const PHYSICAL_NAME_PROPERTY: Record<string, string> = {
  'AWS::Serverless::Function': 'FunctionName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::Serverless::LayerVersion': 'LayerName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::Serverless::SimpleTable': 'TableName',
  'AWS::SQS::Queue': 'QueueName',
};

function isIntrinsic(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

function expectList(value: unknown, length: number, name: string, path: TemplatePath): unknown[] {
  if (!Array.isArray(value) || value.length < length) {
    throw new TemplateError(path, `${name} expects a list of ${length} arguments`);
  }
  return value;
}

function expectString(value: unknown, what: string, path: TemplatePath): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') throw new TemplateError(path, `${what} must resolve to a string`);
  return value;
}

/** Evaluates CloudFormation intrinsic functions against parameters, pseudo parameters and resources. */
export class IntrinsicResolver {
  readonly references: ResourceReference[] = [];
  private readonly conditionValues = new Map<string, boolean>();
  private readonly conditionsInProgress = new Set<string>();
  private readonly namesInProgress = new Set<string>();

  constructor(private readonly scope: IntrinsicScope) {}

  resolve(value: unknown, path: TemplatePath): unknown {
    if (Array.isArray(value)) {
      return value
        .map((item, index) => this.resolve(item, [...path, index]))
        .filter((item) => item !== NO_VALUE);
    }
    if (isIntrinsic(value)) {
      const [name, argument] = Object.entries(value)[0];
      return this.call(name, argument, path);
    }
    if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value)
        .map(([key, item]) => [key, this.resolve(item, [...path, key])] as const)
        .filter(([, item]) => item !== NO_VALUE);
      return Object.fromEntries(entries);
    }
    return value;
  }

  condition(name: string, path: TemplatePath): boolean {
    const known = this.conditionValues.get(name);
    if (known !== undefined) return known;
    if (!(name in this.scope.conditions))
      throw new TemplateError(path, `unknown condition '${name}'`);
    if (this.conditionsInProgress.has(name)) {
      throw new TemplateError(path, `condition '${name}' refers to itself`);
    }
    this.conditionsInProgress.add(name);
    const value = this.conditionValue(this.scope.conditions[name], ['Conditions', name]);
    this.conditionsInProgress.delete(name);
    this.conditionValues.set(name, value);
    return value;
  }

  private conditionValue(argument: unknown, path: TemplatePath): boolean {
    if (typeof argument === 'object' && argument !== null && 'Condition' in argument) {
      const name = expectString(argument.Condition, 'Condition', path);
      return this.condition(name, path);
    }
    const value = this.resolve(argument, path);
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    throw new TemplateError(path, 'condition functions must resolve to true or false');
  }

  private call(name: string, argument: unknown, path: TemplatePath): unknown {
    switch (name) {
      case 'Ref':
        return this.ref(expectString(argument, 'Ref', path), path);
      case 'Fn::Sub':
        return this.sub(argument, path);
      case 'Fn::GetAtt': {
        const parts = this.resolve(argument, path);
        const [logicalId, attribute] = expectList(parts, 2, 'Fn::GetAtt', path);
        return this.getAtt(expectString(logicalId, 'GetAtt', path), String(attribute), path);
      }
      case 'Fn::Join': {
        const [delimiter, items] = expectList(this.resolve(argument, path), 2, 'Fn::Join', path);
        const list = expectList(items, 0, 'Fn::Join', path);
        return list
          .map((item) => expectString(item, 'Fn::Join item', path))
          .join(String(delimiter));
      }
      case 'Fn::Select': {
        const [index, items] = expectList(this.resolve(argument, path), 2, 'Fn::Select', path);
        const list = expectList(items, 0, 'Fn::Select', path);
        const position = Number(index);
        if (!Number.isInteger(position) || position < 0 || position >= list.length) {
          throw new TemplateError(path, `Fn::Select index ${String(index)} is out of range`);
        }
        return list[position];
      }
      case 'Fn::Split': {
        const [delimiter, text] = expectList(this.resolve(argument, path), 2, 'Fn::Split', path);
        return expectString(text, 'Fn::Split source', path).split(String(delimiter));
      }
      case 'Fn::FindInMap':
        return this.findInMap(
          expectList(this.resolve(argument, path), 3, 'Fn::FindInMap', path),
          path,
        );
      case 'Fn::ImportValue': {
        // Exports of other stacks do not exist locally; the export name is the best stand-in.
        return expectString(this.resolve(argument, path), 'Fn::ImportValue', path);
      }
      case 'Fn::Base64':
        return Buffer.from(expectString(this.resolve(argument, path), 'Fn::Base64', path)).toString(
          'base64',
        );
      case 'Fn::GetAZs': {
        const region = templateText(this.resolve(argument, path) || this.scope.pseudo.region);
        return ['a', 'b', 'c'].map((zone) => `${region}${zone}`);
      }
      case 'Fn::Cidr': {
        const [block, count, bits] = expectList(this.resolve(argument, path), 3, 'Fn::Cidr', path);
        try {
          return cidrSubnets(String(block), Number(count), Number(bits));
        } catch (error) {
          throw new TemplateError(path, `Fn::Cidr: ${(error as Error).message}`);
        }
      }
      case 'Fn::If': {
        const [condition, whenTrue, whenFalse] = expectList(argument, 3, 'Fn::If', path);
        const chosen = this.condition(expectString(condition, 'Fn::If condition', path), path);
        return this.resolve(chosen ? whenTrue : whenFalse, path);
      }
      case 'Fn::Equals': {
        const [left, right] = expectList(this.resolve(argument, path), 2, 'Fn::Equals', path);
        return JSON.stringify(left) === JSON.stringify(right) || String(left) === String(right);
      }
      case 'Fn::Not':
        return !this.conditionValue(expectList(argument, 1, 'Fn::Not', path)[0], path);
      case 'Fn::And':
        return expectList(argument, 2, 'Fn::And', path).every((item) =>
          this.conditionValue(item, path),
        );
      case 'Fn::Or':
        return expectList(argument, 2, 'Fn::Or', path).some((item) =>
          this.conditionValue(item, path),
        );
      default:
        throw new TemplateError(path, `unsupported intrinsic function ${name}`);
    }
  }

  private ref(name: string, path: TemplatePath): unknown {
    const { parameters, pseudo, resources } = this.scope;
    if (name in parameters) return parameters[name];
    const pseudoValues: Record<string, unknown> = {
      'AWS::Region': pseudo.region,
      'AWS::AccountId': pseudo.accountId,
      'AWS::StackName': pseudo.stackName,
      'AWS::StackId': `arn:aws:cloudformation:${pseudo.region}:${pseudo.accountId}:stack/${pseudo.stackName}/local`,
      'AWS::Partition': 'aws',
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::NotificationARNs': [],
      'AWS::NoValue': NO_VALUE,
    };
    if (name in pseudoValues) return pseudoValues[name];
    const resource = resources[name];
    if (!resource) throw new TemplateError(path, `unresolved reference '${name}'`);
    const physicalName = this.physicalName(name, path);
    const value =
      resource.Type === 'AWS::Serverless::LayerVersion'
        ? `arn:aws:lambda:${pseudo.region}:${pseudo.accountId}:layer:${physicalName}:1`
        : physicalName;
    this.references.push({ path, logicalId: name, type: resource.Type, value });
    return value;
  }

  /** The name a resource would get in AWS when the template names it, else its logical id. */
  physicalName(logicalId: string, path: TemplatePath): string {
    const resource = this.scope.resources[logicalId];
    const property = PHYSICAL_NAME_PROPERTY[resource.Type];
    const declared = property ? resource.Properties?.[property] : undefined;
    // S3 bucket names are lower case (AWS's generated names are too).
    if (declared === undefined)
      return resource.Type === 'AWS::S3::Bucket' ? logicalId.toLowerCase() : logicalId;
    const namePath = ['Resources', logicalId, 'Properties', property];
    if (this.namesInProgress.has(logicalId)) {
      throw new TemplateError(namePath, `${property} of ${logicalId} refers to itself`);
    }
    this.namesInProgress.add(logicalId);
    try {
      return expectString(this.resolve(declared, namePath), property, path);
    } finally {
      this.namesInProgress.delete(logicalId);
    }
  }

  private getAtt(logicalId: string, attribute: string, path: TemplatePath): string {
    const resource = this.scope.resources[logicalId];
    if (!resource)
      throw new TemplateError(path, `Fn::GetAtt refers to unknown resource '${logicalId}'`);
    const { region, accountId } = this.scope.pseudo;
    const name = this.physicalName(logicalId, path);
    const arns: Record<string, string> = {
      'AWS::Serverless::Function': `arn:aws:lambda:${region}:${accountId}:function:${name}`,
      'AWS::Lambda::Function': `arn:aws:lambda:${region}:${accountId}:function:${name}`,
      'AWS::S3::Bucket': `arn:aws:s3:::${name}`,
      'AWS::DynamoDB::Table': `arn:aws:dynamodb:${region}:${accountId}:table/${name}`,
      'AWS::Serverless::SimpleTable': `arn:aws:dynamodb:${region}:${accountId}:table/${name}`,
      'AWS::SQS::Queue': `arn:aws:sqs:${region}:${accountId}:${name}`,
    };
    const value =
      attribute === 'Arn' && resource.Type in arns
        ? arns[resource.Type]
        : `${logicalId}.${attribute}`;
    this.references.push({ path, logicalId, type: resource.Type, value });
    return value;
  }

  private sub(argument: unknown, path: TemplatePath): string {
    const [template, variables] = (
      Array.isArray(argument) ? argument : [argument, {}]
    ) as unknown[];
    const text = expectString(template, 'Fn::Sub template', path);
    const locals = this.resolve(variables ?? {}, path) as Record<string, unknown>;
    return text.replace(/\$\{([^}]*)\}/g, (_match, expression: string) => {
      if (expression.startsWith('!')) return `\${${expression.slice(1)}}`;
      const name = expression.trim();
      if (name in locals) return expectString(locals[name], `\${${name}}`, path);
      const dot = name.indexOf('.');
      if (dot > 0 && !name.startsWith('AWS::') && !(name in this.scope.parameters)) {
        return this.getAtt(name.slice(0, dot), name.slice(dot + 1), path);
      }
      return expectString(this.ref(name, path), `\${${name}}`, path);
    });
  }

  private findInMap(args: unknown[], path: TemplatePath): unknown {
    const [mapName, topKey, secondKey] = args.map((arg) =>
      expectString(arg, 'Fn::FindInMap', path),
    );
    const value = this.scope.mappings[mapName]?.[topKey]?.[secondKey];
    if (value === undefined) {
      throw new TemplateError(
        path,
        `Fn::FindInMap found nothing at ${mapName}.${topKey}.${secondKey}`,
      );
    }
    return value;
  }
}

/**
 * Resolves the `names` of `properties` that are present one by one, so one bad property (reported
 * at its path) does not hide the others; the resolved ones are returned.
 */
export function resolveEach(
  properties: Record<string, unknown>,
  names: readonly string[],
  path: TemplatePath,
  resolver: IntrinsicResolver,
  issues: IssueList,
  logicalId?: string,
): Record<string, unknown> {
  const resolved: Record<string, unknown> = {};
  for (const key of names.filter((name) => properties[name] !== undefined)) {
    try {
      resolved[key] = resolver.resolve(properties[key], [...path, key]);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      issues.error(error.path, error.message, logicalId);
    }
  }
  return resolved;
}
