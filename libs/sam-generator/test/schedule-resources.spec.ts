import { load } from 'js-yaml';
import { generateText } from './support';

const TEMPLATE = [
  'Transform: AWS::Serverless-2016-10-31', // 1
  'Resources:',
  '  Worker:',
  '    Type: AWS::Serverless::Function',
  '    Properties: { CodeUri: src/, Handler: index.handler, Runtime: nodejs20.x }', // 5
  '  Other:',
  '    Type: AWS::Serverless::Function',
  '    Properties: { CodeUri: src/, Handler: index.handler, Runtime: nodejs20.x }',
  '  Hourly:',
  '    Type: AWS::Events::Rule', // 10
  '    Properties:',
  '      ScheduleExpression: rate(1 hour)',
  '      State: ENABLED',
  '      Targets:',
  '        - { Id: w, Arn: !GetAtt Worker.Arn, Input: \'{"job":"hourly"}\' }', // 15
  '        - { Id: o, Arn: !GetAtt Other.Arn, InputPath: $.detail }',
  '        - { Id: q, Arn: arn:aws:sqs:eu-west-1:123456789012:queue }',
  '  OnOrder:',
  '    Type: AWS::Events::Rule', // 19
  '    Properties:',
  '      EventPattern: { source: [orders] }',
  '      Targets: [{ Id: w, Arn: !GetAtt Worker.Arn }]',
  '  Nightly:', // 23
  '    Type: AWS::Scheduler::Schedule',
  '    Properties:',
  '      Name: nightly-report',
  '      ScheduleExpression: cron(0 2 ? * MON-FRI *)',
  '      ScheduleExpressionTimezone: Asia/Tokyo',
  '      State: DISABLED',
  '      FlexibleTimeWindow: { Mode: "OFF" }', // 30
  '      Target: { Arn: !GetAtt Worker.Arn, RoleArn: arn:aws:iam::1:role/r, Input: "{}" }',
].join('\n');

describe('generate: AWS::Events::Rule and AWS::Scheduler::Schedule resources', () => {
  const result = generateText(TEMPLATE, ['src/index.js']);
  const file = load(result.output?.files['functions.yml'] ?? '') as Record<string, unknown>;

  it('writes one schedule per function target, named after the rule and target', () => {
    expect(result.errors).toEqual([]);
    expect(file.schedules).toEqual({
      'Hourly-w': {
        function: 'Worker',
        expression: 'rate(1 hour)',
        enabled: true,
        input: '{"job":"hourly"}',
        kind: 'rule',
      },
      'Hourly-o': { function: 'Other', expression: 'rate(1 hour)', enabled: true, kind: 'rule' },
      'nightly-report': {
        function: 'Worker',
        expression: 'cron(0 2 ? * MON-FRI *)',
        timezone: 'Asia/Tokyo',
        enabled: false,
        input: '{}',
        kind: 'scheduler',
      },
    });
  });

  it('says once what it does not act on: non-function targets, InputPath, event patterns', () => {
    const ignored = result.ignored.map((entry) => [entry.line, entry.message]);
    expect(ignored).toEqual(
      expect.arrayContaining([
        // the line of `Targets` (the locator stops at sequence items); the message names the item
        [14, expect.stringMatching(/Targets\[1\]\.InputPath: .*receives the Scheduled Event/)],
        [14, expect.stringMatching(/Targets\[2\]: .*only targets that are functions of this app/)],
        [19, expect.stringMatching(/event-pattern rule needs an event bus/)],
      ]),
    );
    // FlexibleTimeWindow Mode OFF is what happens here (on time): nothing to say
    expect(ignored.filter(([line]) => line === 30)).toEqual([]);
  });

  it.each<[string, string[], number, RegExp]>([
    [
      'a rule with a bad cron',
      [
        '  R:',
        '    Type: AWS::Events::Rule',
        '    Properties:',
        '      ScheduleExpression: cron(0 10 * * * *)',
        '      Targets: [{ Id: a, Arn: !GetAtt Fn.Arn }]',
      ],
      8,
      /exactly one of day-of-month/,
    ],
    [
      'a schedule in a timezone that does not exist',
      [
        '  S:',
        '    Type: AWS::Scheduler::Schedule',
        '    Properties:',
        '      ScheduleExpression: rate(5 minutes)',
        '      ScheduleExpressionTimezone: Atlantis/Capital',
        '      Target: { Arn: !GetAtt Fn.Arn }',
      ],
      8,
      /unknown timezone 'Atlantis\/Capital'/,
    ],
  ])('%s → an error naming the line', (_name, resource, line, message) => {
    const template = [
      'Resources:',
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    Properties: { CodeUri: src/, Handler: index.handler, Runtime: nodejs20.x }',
      ...resource,
    ].join('\n');
    const { errors } = generateText(template, ['src/index.js']);
    expect(errors).toEqual([
      expect.objectContaining({ line, message: expect.stringMatching(message) }),
    ]);
  });
});
