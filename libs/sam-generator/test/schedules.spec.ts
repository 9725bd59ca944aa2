import { load } from 'js-yaml';
import { generateText } from './support';

const TEMPLATE = [
  'Transform: AWS::Serverless-2016-10-31', // 1
  'Resources:',
  '  Worker:',
  '    Type: AWS::Serverless::Function',
  '    Properties:', // 5
  '      CodeUri: src/',
  '      Handler: index.handler',
  '      Runtime: nodejs20.x',
  '      EventInvokeConfig:',
  '        MaximumRetryAttempts: 1', // 10
  '        MaximumEventAgeInSeconds: 3600',
  '        DestinationConfig:',
  '          OnSuccess: { Type: Lambda, Destination: !GetAtt Audit.Arn }',
  '          OnFailure: { Type: Lambda, Destination: !Ref Audit }',
  '      Events:', // 15
  '        Every5:',
  '          Type: Schedule',
  '          Properties: { Schedule: rate(5 minutes), Input: \'{"job":"sweep"}\' }',
  '        Nightly:',
  '          Type: ScheduleV2', // 20
  '          Properties:',
  '            ScheduleExpression: cron(0 2 ? * MON-FRI *)',
  '            ScheduleExpressionTimezone: Europe/Berlin',
  '            State: DISABLED',
  '        Queue:', // 25
  '          Type: SQS',
  '          Properties: { Queue: arn:aws:sqs:eu-west-1:123456789012:q }',
  '  Audit:',
  '    Type: AWS::Serverless::Function',
  '    Properties: { CodeUri: src/, Handler: index.handler, Runtime: nodejs20.x }', // 30
].join('\n');

describe('generate: a Scheduler rate whose unit disagrees with its value', () => {
  it('runs rate(5 minute) of a ScheduleV2 (as EventBridge Scheduler does), with a warning naming the line', () => {
    const result = generateText(
      [
        'Resources:',
        '  Fn:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      CodeUri: src/', // 5
        '      Handler: index.handler',
        '      Runtime: nodejs20.x',
        '      Events:',
        '        Every5: { Type: ScheduleV2, Properties: { ScheduleExpression: rate(5 minute) } }',
      ].join('\n'),
      ['src/index.js'],
    );
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        line: 9,
        message: expect.stringMatching(
          /rate\(5 minute\): .*Scheduler runs it .*rule would refuse it/,
        ),
      }),
    ]);
    const file = load(result.output?.files['functions.yml'] ?? '') as { schedules: unknown };
    expect(file.schedules).toEqual({
      FnEvery5: { function: 'Fn', expression: 'rate(5 minute)', enabled: true, kind: 'scheduler' },
    });
  });
});

describe('generate: schedules and async invocation', () => {
  const result = generateText(TEMPLATE, ['src/index.js']);
  const file = load(result.output?.files['functions.yml'] ?? '') as Record<
    string,
    Record<string, unknown>
  >;

  it('writes the schedules section', () => {
    expect(result.errors).toEqual([]);
    expect(file.schedules).toEqual({
      WorkerEvery5: {
        function: 'Worker',
        expression: 'rate(5 minutes)',
        enabled: true,
        input: '{"job":"sweep"}',
        kind: 'rule',
      },
      WorkerNightly: {
        function: 'Worker',
        expression: 'cron(0 2 ? * MON-FRI *)',
        timezone: 'Europe/Berlin',
        enabled: false,
        kind: 'scheduler',
      },
    });
  });

  it('writes EventInvokeConfig as the function async settings, destinations as function names', () => {
    expect((file.functions.Worker as Record<string, unknown>).async).toEqual({
      maximumRetryAttempts: 1,
      maximumEventAgeSeconds: 3600,
      onSuccess: 'Audit',
      onFailure: 'Audit',
    });
  });

  it('lists the SQS event in the summary with what it would need', () => {
    expect(result.ignored).toEqual([
      expect.objectContaining({
        line: 26,
        logicalId: 'Worker',
        message: expect.stringMatching(/SQS-compatible queue/),
      }),
    ]);
  });

  const lines = (properties: string[]) =>
    [
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      CodeUri: src/',
      '      Handler: index.handler',
      '      Runtime: nodejs20.x',
      ...properties.map((line) => `      ${line}`),
    ].join('\n');

  it.each<[string, string[], number, RegExp]>([
    [
      'bad rate',
      ['Events:', '  T:', '    Type: Schedule', '    Properties: { Schedule: rate(5 minute) }'],
      12,
      /'minutes' otherwise/,
    ],
    [
      'bad cron',
      [
        'Events:',
        '  T:',
        '    Type: Schedule',
        '    Properties:',
        '      Schedule: cron(0 10 * * * *)',
      ],
      13,
      /exactly one of day-of-month/,
    ],
    [
      'unknown timezone',
      [
        'Events:',
        '  T:',
        '    Type: ScheduleV2',
        '    Properties:',
        '      ScheduleExpression: cron(0 10 * * ? *)',
        '      ScheduleExpressionTimezone: Mars/Base',
      ],
      13,
      /unknown timezone 'Mars\/Base'/,
    ],
    [
      'destination outside the app',
      [
        'EventInvokeConfig:',
        '  DestinationConfig:',
        '    OnFailure:',
        '      Type: Lambda',
        '      Destination: arn:aws:lambda:eu-west-1:123456789012:function:elsewhere',
      ],
      13,
      /destination 'arn:aws:lambda:eu-west-1:123456789012:function:elsewhere' is not a function of this template/,
    ],
    [
      'retries out of range',
      ['EventInvokeConfig:', '  MaximumRetryAttempts: 3'],
      10,
      /MaximumRetryAttempts must be an integer from 0 to 2/,
    ],
  ])('%s → an error naming the line', (_name, properties, line, message) => {
    const { errors } = generateText(lines(properties), ['src/index.js']);
    expect(errors).toEqual([
      expect.objectContaining({ line, logicalId: 'Fn', message: expect.stringMatching(message) }),
    ]);
  });

  it('warns that an SQS dead-letter queue and SNS destinations are not reachable', () => {
    const { warnings, errors } = generateText(
      lines([
        'DeadLetterQueue: { Type: SQS, TargetArn: arn:aws:sqs:eu-west-1:1:dlq }',
        'EventInvokeConfig:',
        '  DestinationConfig:',
        '    OnSuccess: { Type: SNS, Destination: arn:aws:sns:eu-west-1:1:t }',
      ]),
      ['src/index.js'],
    );
    expect(errors).toEqual([]);
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/DeadLetterQueue of type SQS cannot be reached here/),
      expect.stringMatching(/OnSuccess destination of type SNS is not delivered/),
    ]);
  });
});
