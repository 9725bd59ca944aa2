import { entrypointEnv, ownEntrypoint, parseEntrypoint } from '../src/image-entrypoint';

const PROVIDED = 'FROM onpre-lambda/runtime-provided:al2023';

describe('ownEntrypoint: what an image function runs on our bases', () => {
  it.each<[string, string, string | undefined, string[] | undefined, unknown]>([
    ['no ENTRYPOINT: ours', `${PROVIDED}\nCOPY x .\n`, undefined, undefined, { replaced: false }],
    [
      "AWS's Go image template (shell form)",
      'FROM onpre-lambda/build-go:latest as build-image\nRUN go build\n' +
        `${PROVIDED}\nCOPY --from=build-image /src/lambda-handler .\nENTRYPOINT ./lambda-handler\n`,
      undefined,
      undefined,
      { replaced: true, entrypoint: ['/bin/sh', '-c', './lambda-handler'] },
    ],
    [
      'exec form',
      `${PROVIDED}\nENTRYPOINT [ "/var/task/bin", "-v" ]\n`,
      undefined,
      undefined,
      { replaced: true, entrypoint: ['/var/task/bin', '-v'] },
    ],
    [
      "AWS's own /lambda-entrypoint.sh: the supervisor plays it",
      `${PROVIDED}\nENTRYPOINT ["/lambda-entrypoint.sh"]\nCMD ["h"]\n`,
      undefined,
      undefined,
      { replaced: true },
    ],
    [
      'ImageConfig.EntryPoint wins',
      `${PROVIDED}\nENTRYPOINT ["/a"]\n`,
      undefined,
      ['/b'],
      { replaced: true, entrypoint: ['/b'] },
    ],
    [
      'an earlier stage of ours, with its ENTRYPOINT',
      `${PROVIDED} AS base\nENTRYPOINT ["/a"]\nFROM base\nCOPY x .\n`,
      undefined,
      undefined,
      { replaced: true, entrypoint: ['/a'] },
    ],
    [
      'DockerBuildTarget chooses the stage',
      `${PROVIDED} AS run\nENTRYPOINT ["/a"]\nFROM debian:bookworm\nENTRYPOINT ["/b"]\n`,
      'run',
      undefined,
      { replaced: true, entrypoint: ['/a'] },
    ],
    [
      'a foreign base keeps its ENTRYPOINT as written',
      'FROM debian:bookworm\nENTRYPOINT ["/usr/local/bin/aws-lambda-ric"]\n',
      undefined,
      undefined,
      { replaced: false },
    ],
    [
      'a builder image has no supervisor',
      'FROM onpre-lambda/build-python:3.11\nENTRYPOINT ["/x"]\n',
      undefined,
      undefined,
      { replaced: false },
    ],
  ])('%s', (_label, dockerfile, target, configured, expected) => {
    expect(ownEntrypoint(dockerfile, target, configured)).toEqual(expected);
  });
});

describe('parseEntrypoint and entrypointEnv', () => {
  it.each<[string, string[] | undefined]>([
    ['["/a", "b"]', ['/a', 'b']],
    ['./run.sh --x', ['/bin/sh', '-c', './run.sh --x']],
    ['[not json', ['/bin/sh', '-c', '[not json']],
    ['[]', undefined],
  ])('%s', (text, expected) => {
    expect(parseEntrypoint(text)).toEqual(expected);
  });

  it('escapes quotes, backslashes and $ so Docker passes the JSON through unchanged', () => {
    expect(entrypointEnv(['/bin/sh', '-c', 'echo "$HOME" \\'])).toBe(
      'ENV ONPRE_LAMBDA_ENTRYPOINT="[\\"/bin/sh\\",\\"-c\\",\\"echo \\\\\\"\\$HOME\\\\\\" \\\\\\\\\\"]"',
    );
  });
});
