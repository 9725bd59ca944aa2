import { load } from 'js-yaml';
import { generateText } from './support';

const FUNCTIONS = [
  'Transform: AWS::Serverless-2016-10-31', // 1
  'Resources:',
  '  Worker:',
  '    Type: AWS::Serverless::Function',
  '    Properties: { FunctionName: worker, CodeUri: src/, Handler: index.handler, Runtime: nodejs20.x }', // 5
  '  Records:',
  '    Type: AWS::Serverless::Function',
  '    Properties: { CodeUri: src/, Handler: index.handler, Runtime: nodejs20.x }',
];

const generate = (...resources: string[]) =>
  generateText([...FUNCTIONS, ...resources].join('\n'), ['src/index.js']);
const asyncOf = (result: ReturnType<typeof generateText>, fn: string) =>
  (
    load(result.output?.files['functions.yml'] ?? '') as {
      functions: Record<string, { async?: unknown }>;
    }
  ).functions[fn]?.async;

describe('generate: AWS::Lambda::EventInvokeConfig and AWS::Lambda::EventSourceMapping resources', () => {
  it('applies an EventInvokeConfig resource to its function (destinations as ARNs, no Type)', () => {
    const result = generate(
      '  WorkerAsync:', // 9
      '    Type: AWS::Lambda::EventInvokeConfig',
      '    Properties:',
      '      FunctionName: !Ref Worker',
      '      Qualifier: $LATEST',
      '      MaximumRetryAttempts: 0',
      '      MaximumEventAgeInSeconds: 120',
      '      DestinationConfig:',
      '        OnSuccess: { Destination: !GetAtt Records.Arn }',
      '        OnFailure: { Destination: arn:aws:sqs:us-east-1:123456789012:failed }', // 18
    );
    expect(result.errors).toEqual([]);
    expect(asyncOf(result, 'worker')).toEqual({
      maximumRetryAttempts: 0,
      maximumEventAgeSeconds: 120,
      onSuccess: 'Records',
    });
    expect(result.warnings).toEqual([
      expect.objectContaining({
        line: 18,
        message: expect.stringMatching(/OnFailure destination of type SQS is not delivered/),
      }),
    ]);
    expect(result.ignored.map((entry) => entry.message)).not.toContainEqual(
      expect.stringMatching(/EventInvokeConfig/),
    );
  });

  it.each<[string, string[], number, RegExp]>([
    [
      'a destination that is not a function of this app',
      [
        '      FunctionName: worker',
        '      DestinationConfig:',
        '        OnFailure: { Destination: arn:aws:lambda:us-east-1:1:function:elsewhere }',
      ],
      14,
      /destination 'arn:aws:lambda:us-east-1:1:function:elsewhere' is not a function of this template/,
    ],
    [
      'a function that is not of this app',
      [
        '      FunctionName: arn:aws:lambda:us-east-1:1:function:elsewhere',
        '      MaximumRetryAttempts: 1',
      ],
      12,
      /FunctionName 'arn:aws:lambda:us-east-1:1:function:elsewhere' is not a function of this template/,
    ],
    [
      'retries beyond Lambda’s 0–2',
      ['      FunctionName: !Ref Worker', '      MaximumRetryAttempts: 3'],
      13,
      /MaximumRetryAttempts must be an integer from 0 to 2/,
    ],
  ])('%s → an error naming file line and logical id', (_name, properties, line, message) => {
    const result = generate(
      '  Config:',
      '    Type: AWS::Lambda::EventInvokeConfig',
      '    Properties:',
      ...properties,
    );
    expect(result.errors).toEqual([
      expect.objectContaining({
        line,
        logicalId: 'Config',
        message: expect.stringMatching(message),
      }),
    ]);
  });

  it.each<[string, string, RegExp]>([
    ['arn:aws:sqs:us-east-1:123456789012:orders', 'SQS', /SQS-compatible queue and a poller/],
    [
      'arn:aws:kinesis:us-east-1:123456789012:stream/clicks',
      'Kinesis',
      /Kinesis-compatible stream/,
    ],
    ['arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2026', 'DynamoDB', /DynamoDB Streams/],
    ['arn:aws:kafka:us-east-1:123456789012:cluster/c/1', 'MSK', /Kafka cluster/],
  ])('an event source mapping from %s is listed with what it needs', (arn, source, needs) => {
    const result = generate(
      '  Mapping:', // 9
      '    Type: AWS::Lambda::EventSourceMapping',
      '    Properties:',
      '      FunctionName: !Ref Worker',
      `      EventSourceArn: ${arn}`,
    );
    expect(result.errors).toEqual([]);
    expect(result.ignored).toEqual([
      expect.objectContaining({
        line: 10,
        logicalId: 'Mapping',
        message: expect.stringMatching(
          new RegExp(`EventSourceMapping \\(${source} → worker\\): .*`),
        ),
      }),
    ]);
    expect(result.ignored[0].message).toMatch(needs);
  });

  it('reports every bad expression at once; a function with errors is not "not of this app" too', () => {
    const template = [
      'Resources:',
      '  Broken:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      CodeUri: src/', // 5
      '      Handler: index.handler',
      '      Runtime: nodejs20.x',
      '      Events:',
      '        Daily: { Type: Schedule, Properties: { Schedule: "cron(0 12 * * * *)" } }', // 9
      '  Rule:',
      '    Type: AWS::Events::Rule',
      '    Properties:',
      '      ScheduleExpression: rate(0 minutes)', // 13
      '      Targets: [{ Id: b, Arn: !GetAtt Broken.Arn }]',
      '  Config:',
      '    Type: AWS::Lambda::EventInvokeConfig',
      '    Properties: { FunctionName: !Ref Broken, Qualifier: $LATEST, MaximumRetryAttempts: 0 }',
    ].join('\n');
    const result = generateText(template, ['src/index.js']);
    expect(result.errors.map((error) => [error.line, error.logicalId, error.message])).toEqual([
      [9, 'Broken', expect.stringMatching(/exactly one of day-of-month and day-of-week/)],
      [13, 'Rule', expect.stringMatching(/rate value must be a positive integer/)],
    ]);
    expect(result.ignored).toEqual([]);
  });

  it('says what a lambda subscription of an SNS topic would need, besides the topic itself', () => {
    const result = generate(
      '  Topic:', // 9
      '    Type: AWS::SNS::Topic',
      '    Properties:',
      '      Subscription:',
      '        - { Protocol: lambda, Endpoint: !GetAtt Worker.Arn }', // 13
      '        - { Protocol: email, Endpoint: ops@example.com }',
    );
    expect(result.ignored.map((entry) => [entry.line, entry.message])).toEqual(
      expect.arrayContaining([
        [
          12,
          expect.stringMatching(
            /^Topic\.Subscription\[0\] \(lambda → worker\): an SNS-compatible topic/,
          ),
        ],
        [10, expect.stringMatching(/^AWS::SNS::Topic: not created/)],
      ]),
    );
    expect(result.ignored).toHaveLength(2);
  });

  it('says what an SNS subscription of a function would need', () => {
    const result = generate(
      '  Sub:', // 9
      '    Type: AWS::SNS::Subscription',
      '    Properties: { Protocol: lambda, Endpoint: !GetAtt Worker.Arn, TopicArn: arn:aws:sns:us-east-1:1:t }',
    );
    expect(result.ignored).toEqual([
      expect.objectContaining({ line: 10, message: expect.stringMatching(/no SNS service here/) }),
    ]);
  });
});
