import { FILES, generateText, VALID, withFunction } from './support';

describe('generate: resource conditions', () => {
  it('reports an unknown condition on a resource at its Condition line', () => {
    const template = withFunction(...VALID).replace(
      '    Properties:',
      '    Condition: Nope\n    Properties:',
    );
    expect(generateText(template, FILES).errors).toEqual([
      expect.objectContaining({ line: 5, logicalId: 'Fn', message: "unknown condition 'Nope'" }),
    ]);
  });
});

describe('generate: circular references', () => {
  it.each([
    [
      'a name',
      withFunction(...VALID, 'FunctionName: !Ref Fn'),
      9,
      'FunctionName of Fn refers to itself',
    ],
    [
      'conditions',
      [
        'Conditions:',
        '  A: !Condition B',
        '  B: !Not [!Condition A]',
        withFunction(...VALID, 'Timeout: !If [A, 1, 2]'),
      ].join('\n'),
      3,
      "condition 'A' refers to itself",
    ],
  ])('reports %s', (_name, template, line, message) => {
    expect(generateText(template, FILES).errors).toEqual([
      expect.objectContaining({ line, message }),
    ]);
  });
});

describe('generate: JSON templates', () => {
  it('reads a JSON template and points errors at its lines', () => {
    const template = JSON.stringify(
      {
        Resources: {
          Fn: {
            Type: 'AWS::Serverless::Function',
            Properties: { CodeUri: 'src', Handler: 'index.handler', Runtime: 'dotnet8' },
          },
        },
      },
      null,
      2,
    );
    expect(generateText(template, FILES).errors).toEqual([
      expect.objectContaining({
        line: 8,
        logicalId: 'Fn',
        message: expect.stringContaining("runtime 'dotnet8' cannot run here"),
      }),
    ]);
  });
});
