import yaml from 'js-yaml';
import { assertBoundedExpansion, firstAliasLine, YamlExpansionError } from './template-safety';

/** CloudFormation short-form tags and the long-form function each one stands for. */
const SHORT_FORMS: Record<string, string> = {
  Ref: 'Ref',
  Condition: 'Condition',
  Sub: 'Fn::Sub',
  GetAtt: 'Fn::GetAtt',
  Join: 'Fn::Join',
  If: 'Fn::If',
  Equals: 'Fn::Equals',
  Not: 'Fn::Not',
  And: 'Fn::And',
  Or: 'Fn::Or',
  Select: 'Fn::Select',
  Split: 'Fn::Split',
  FindInMap: 'Fn::FindInMap',
  ImportValue: 'Fn::ImportValue',
  Base64: 'Fn::Base64',
  GetAZs: 'Fn::GetAZs',
  Cidr: 'Fn::Cidr',
  Transform: 'Fn::Transform',
  // AWS::LanguageExtensions
  Length: 'Fn::Length',
  ToJsonString: 'Fn::ToJsonString',
  // Rules functions (valid only under `Rules`, which the generator does not evaluate)
  Contains: 'Fn::Contains',
  EachMemberEquals: 'Fn::EachMemberEquals',
  EachMemberIn: 'Fn::EachMemberIn',
  RefAll: 'Fn::RefAll',
  ValueOf: 'Fn::ValueOf',
  ValueOfAll: 'Fn::ValueOfAll',
};

const KINDS = ['scalar', 'sequence', 'mapping'] as const;

function longFormArgument(name: string, kind: (typeof KINDS)[number], data: unknown): unknown {
  // `!GetAtt Resource.Attribute` is the scalar spelling of `Fn::GetAtt: [Resource, Attribute]`.
  if (name === 'GetAtt' && kind === 'scalar' && typeof data === 'string') {
    const dot = data.indexOf('.');
    return dot < 0 ? [data] : [data.slice(0, dot), data.slice(dot + 1)];
  }
  return data ?? '';
}

const shortFormTypes = Object.entries(SHORT_FORMS).flatMap(([name, longForm]) =>
  KINDS.map(
    (kind) =>
      new yaml.Type(`!${name}`, {
        kind,
        construct: (data: unknown) => ({ [longForm]: longFormArgument(name, kind, data) }),
      }),
  ),
);

/**
 * YAML schema for CloudFormation templates: YAML core types (no timestamps, so `2012-10-17` stays
 * a string as CloudFormation reads it) plus every short-form intrinsic tag, which is turned into its
 * long form (`!Sub x` → `{ 'Fn::Sub': x }`) so later stages see one spelling. Anchors, aliases and
 * `<<` merge keys work as in SAM CLI.
 */
// `types` is exported by js-yaml 4 but missing from its type definitions.
const { merge } = (yaml as unknown as { types: { merge: yaml.Type } }).types;

const CLOUDFORMATION_SCHEMA = yaml.CORE_SCHEMA.extend({
  implicit: [merge],
  explicit: shortFormTypes,
});

export class YamlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
  ) {
    super(message);
  }
}

/** Parses a template; aliases that expand it beyond any real template's size are refused. */
export function parseCloudFormationYaml(text: string): unknown {
  try {
    const document = yaml.load(text, { schema: CLOUDFORMATION_SCHEMA });
    assertBoundedExpansion(document);
    return document;
  } catch (error) {
    if (error instanceof YamlExpansionError) {
      throw new YamlSyntaxError(error.message, firstAliasLine(text));
    }
    if (error instanceof yaml.YAMLException) {
      throw new YamlSyntaxError(
        `YAML syntax error: ${error.reason}`,
        error.mark ? error.mark.line + 1 : undefined,
      );
    }
    throw error;
  }
}
