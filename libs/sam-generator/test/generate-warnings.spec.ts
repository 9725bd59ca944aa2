import { summarizeIgnored } from '@app/sam-generator';
import { FILES, generateText, VALID, withFunction } from './support';

describe('generate: warnings for what AWS would deploy but onpre-lambda skips', () => {
  it.each([
    [
      'layer from another account',
      withFunction(...VALID, 'Layers:', '  - arn:aws:lambda:us-east-1:999:layer:x:3'),
      9,
      'Fn',
      'layer arn:aws:lambda:us-east-1:999:layer:x:3 is not a LayerVersion of this template; skipped',
    ],
    [
      'build method',
      withFunction(...VALID).replace(
        '    Properties:',
        '    Metadata:\n      BuildMethod: cargo-lambda\n    Properties:',
      ),
      6,
      'Fn',
      'BuildMethod cargo-lambda is not supported (supported: esbuild, makefile, go1.x, a runtime id)',
    ],
  ])('%s', (_name, template, line, logicalId, message) => {
    const result = generateText(template, FILES);
    expect(result.errors).toEqual([]);
    expect(result.output?.functions).toHaveLength(1);
    expect(result.warnings).toEqual([
      expect.objectContaining({ line, logicalId, message: expect.stringContaining(message) }),
    ]);
  });
});

describe('generate: the summary of what is not acted on', () => {
  it.each([
    [
      'event type',
      withFunction(...VALID, 'Events:', '  Queue:', '    Type: SQS'),
      11,
      'Fn',
      'event Queue (SQS): an SQS-compatible queue and a poller',
    ],
    [
      'resource type',
      `${withFunction(...VALID)}\n  Queue:\n    Type: AWS::SQS::Queue\n`,
      10,
      'Queue',
      'AWS::SQS::Queue: not created by onpre-lambda',
    ],
    [
      'IAM policies',
      withFunction(...VALID, 'Policies:', '  - AWSLambdaBasicExecutionRole'),
      9,
      'Fn',
      'Policies: IAM is not enforced here',
    ],
    [
      'a property without a known meaning',
      withFunction(...VALID, 'Frobnicate: 3'),
      9,
      'Fn',
      'Frobnicate: not modelled by onpre-lambda',
    ],
    [
      'a Globals property',
      `Globals:\n  Function:\n    Tracing: Active\n${withFunction(...VALID)}`,
      3,
      undefined,
      'Tracing: X-Ray traces are not recorded',
    ],
    [
      'a Globals section',
      `Globals:\n  SimpleTable:\n    SSESpecification: {}\n${withFunction(...VALID)}`,
      2,
      undefined,
      'Globals.SimpleTable: not modelled',
    ],
  ])('%s', (_name, template, line, logicalId, message) => {
    const result = generateText(template, FILES);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.output?.functions).toHaveLength(1);
    expect(result.ignored).toEqual([
      expect.objectContaining({ line, message: expect.stringContaining(message) }),
    ]);
    expect(result.ignored[0].logicalId).toBe(logicalId);
  });

  it('prints one closing block, one line per item, with file and line', () => {
    const result = generateText(withFunction(...VALID, 'Policies: []', 'Tracing: Active'), FILES);
    expect(summarizeIgnored(result.ignored)).toEqual([
      'not acted on (2) — AWS would use these; here they have no effect:',
      '  template.yaml:9: Fn: Policies: IAM is not enforced here: the function may call every local service',
      '  template.yaml:10: Fn: Tracing: X-Ray traces are not recorded (trace ids are still passed on)',
    ]);
    expect(summarizeIgnored([])).toEqual([]);
  });
});
