import { FILES, generateText, VALID, withFunction } from './support';

describe('generate: warnings for what AWS would deploy but onpre-lambda skips', () => {
  it.each([
    [
      'event type',
      withFunction(...VALID, 'Events:', '  Queue:', '    Type: SQS'),
      11,
      'Fn',
      'event Queue of type SQS is not supported (only Api and HttpApi); skipped',
    ],
    [
      'resource type',
      `${withFunction(...VALID)}\n  Queue:\n    Type: AWS::SQS::Queue\n`,
      10,
      'Queue',
      'AWS::SQS::Queue is not created by onpre-lambda',
    ],
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
        '    Metadata:\n      BuildMethod: makefile\n    Properties:',
      ),
      6,
      'Fn',
      'BuildMethod makefile is not supported (only esbuild)',
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
