import { parseCloudFormationYaml, YamlSyntaxError } from '../src/cfn-yaml';
import { cidrSubnets } from '../src/cidr';
import { locateLine } from '../src/yaml-locator';

describe('CloudFormation YAML short forms', () => {
  it.each([
    ['!Ref Name', { Ref: 'Name' }],
    ['!Condition IsProd', { Condition: 'IsProd' }],
    ["!Sub '${A}-x'", { 'Fn::Sub': '${A}-x' }],
    ['!Sub [x, {A: b}]', { 'Fn::Sub': ['x', { A: 'b' }] }],
    ['!GetAtt Res.Arn', { 'Fn::GetAtt': ['Res', 'Arn'] }],
    ['!GetAtt Res.Endpoint.Address', { 'Fn::GetAtt': ['Res', 'Endpoint.Address'] }],
    ['!GetAtt [Res, Arn]', { 'Fn::GetAtt': ['Res', 'Arn'] }],
    ['!Join [",", [a, b]]', { 'Fn::Join': [',', ['a', 'b']] }],
    ['!If [C, a, b]', { 'Fn::If': ['C', 'a', 'b'] }],
    ['!Equals [a, b]', { 'Fn::Equals': ['a', 'b'] }],
    ['!Not [!Condition C]', { 'Fn::Not': [{ Condition: 'C' }] }],
    ['!And [!Condition A, !Condition B]', { 'Fn::And': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Or [!Condition A, !Condition B]', { 'Fn::Or': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Select [0, [a]]', { 'Fn::Select': [0, ['a']] }],
    ['!Split [",", "a,b"]', { 'Fn::Split': [',', 'a,b'] }],
    ['!FindInMap [M, a, b]', { 'Fn::FindInMap': ['M', 'a', 'b'] }],
    ['!ImportValue export', { 'Fn::ImportValue': 'export' }],
    ['!Base64 text', { 'Fn::Base64': 'text' }],
    ["!GetAZs ''", { 'Fn::GetAZs': '' }],
    ['!Cidr [10.0.0.0/16, 2, 8]', { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] }],
    ['!Transform {Name: AWS::Include}', { 'Fn::Transform': { Name: 'AWS::Include' } }],
    ['!Length [a, b]', { 'Fn::Length': ['a', 'b'] }],
    ['!ToJsonString {a: 1}', { 'Fn::ToJsonString': { a: 1 } }],
    ['!Contains [[a], !Ref P]', { 'Fn::Contains': [['a'], { Ref: 'P' }] }],
    ['!EachMemberEquals [[a], a]', { 'Fn::EachMemberEquals': [['a'], 'a'] }],
    ['!EachMemberIn [[a], [a, b]]', { 'Fn::EachMemberIn': [['a'], ['a', 'b']] }],
    ['!RefAll AWS::EC2::VPC::Id', { 'Fn::RefAll': 'AWS::EC2::VPC::Id' }],
    ['!ValueOf [P, Tags]', { 'Fn::ValueOf': ['P', 'Tags'] }],
    ['!ValueOfAll [T, Tags]', { 'Fn::ValueOfAll': ['T', 'Tags'] }],
    ['2012-10-17', '2012-10-17'],
  ])('%s', (source, expected) => {
    expect(parseCloudFormationYaml(`value: ${source}`)).toEqual({ value: expected });
  });

  it('supports anchors, aliases and merge keys', () => {
    const text =
      'base: &base\n  Runtime: nodejs20.x\n  Timeout: 3\nfn:\n  <<: *base\n  Timeout: 9\n';
    expect(parseCloudFormationYaml(text)).toEqual({
      base: { Runtime: 'nodejs20.x', Timeout: 3 },
      fn: { Runtime: 'nodejs20.x', Timeout: 9 },
    });
  });

  it('reports the line of a syntax error', () => {
    expect(() => parseCloudFormationYaml('a: 1\nb: [2\n')).toThrow(YamlSyntaxError);
    try {
      parseCloudFormationYaml('a: 1\nb: [2\n');
    } catch (error) {
      expect((error as YamlSyntaxError).line).toBe(3);
    }
  });
});

describe('locateLine', () => {
  const source = [
    '# comment',
    'Resources:',
    '  Fn:',
    '    Type: X',
    '    Properties:',
    "      'Quoted': 1",
    '      Events:',
    '        - Type: Api',
    '  Other:',
    '    Properties:',
    '      Type: Y',
  ].join('\n');

  it.each([
    [['Resources'], 2],
    [['Resources', 'Fn', 'Type'], 4],
    [['Resources', 'Fn', 'Properties', 'Quoted'], 6],
    [['Resources', 'Fn', 'Properties', 'Events', 0, 'Type'], 7],
    [['Resources', 'Fn', 'Properties', 'Missing'], 5],
    [['Resources', 'Other', 'Type'], 9],
    [['Resources', 'Other', 'Properties', 'Type'], 11],
    [['Nothing'], undefined],
  ])('%j → %s', (path, line) => {
    expect(locateLine(source, path)).toBe(line);
  });
});

describe('cidrSubnets', () => {
  it.each([
    ['10.0.0.0/16', 3, 8, ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']],
    ['192.168.1.77/24', 2, 6, ['192.168.1.0/26', '192.168.1.64/26']],
  ])('%s × %i / %i bits', (block, count, bits, expected) => {
    expect(cidrSubnets(block, count, bits)).toEqual(expected);
  });

  it.each([
    ['nonsense', 1, 8, 'is not an IPv4 CIDR block'],
    ['10.0.0.0/24', 1, 12, 'does not fit in /24'],
    ['10.0.0.0/24', 5, 6, '5 subnets of /26 do not fit'],
  ])('rejects %s × %i / %i', (block, count, bits, message) => {
    expect(() => cidrSubnets(block, count, bits)).toThrow(message);
  });
});
