import { generateText, withFunction } from './support';

/** `withFunction` with a Metadata block before Properties. */
function withMetadata(metadata: string[], ...properties: string[]): string {
  const block = ['    Metadata:', ...metadata.map((line) => `      ${line}`), '    Properties:'];
  return withFunction(...properties).replace('    Properties:', block.join('\n'));
}

describe('generate: where the handler code comes from', () => {
  it.each([
    ['node .js', ['Handler: app.handler', 'Runtime: nodejs20.x'], ['src/app.js']],
    ['node .mjs', ['Handler: app.handler', 'Runtime: nodejs20.x'], ['src/app.mjs']],
    [
      'node .cjs in a subfolder',
      ['Handler: lib/app.handler', 'Runtime: nodejs22.x'],
      ['src/lib/app.cjs'],
    ],
    [
      'python dotted module',
      ['Handler: pkg.mod.handler', 'Runtime: python3.12'],
      ['src/pkg/mod.py'],
    ],
  ])('accepts %s', (_name, properties, files) => {
    const result = generateText(withFunction('CodeUri: src', ...properties), files);
    expect(result.errors).toEqual([]);
    expect(result.output?.functions[0]).toMatchObject({ codeUri: 'src' });
    expect(result.output?.functions[0].bundle).toBeUndefined();
  });

  it.each([
    [
      'defaults, entry found from the handler module',
      ['BuildMethod: esbuild'],
      ['src/app.ts'],
      { entryPoints: ['app.ts'], format: 'cjs', minify: false, target: 'node20', external: [] },
    ],
    [
      'declared build properties',
      [
        'BuildMethod: esbuild',
        'BuildProperties:',
        '  EntryPoints: [handlers/app.mts]',
        '  Format: esm',
        '  Minify: true',
        '  Target: es2022',
        "  External: ['pg-native']",
      ],
      ['src/handlers/app.mts'],
      {
        entryPoints: ['handlers/app.mts'],
        format: 'esm',
        minify: true,
        target: 'es2022',
        external: ['pg-native'],
      },
    ],
  ])('bundles with esbuild: %s', (_name, metadata, files, bundle) => {
    const template = withMetadata(
      metadata,
      'CodeUri: src',
      'Handler: app.handler',
      'Runtime: nodejs20.x',
    );
    const result = generateText(template, files);
    expect(result.errors).toEqual([]);
    expect(result.output?.functions[0].bundle).toEqual(bundle);
  });

  it('ignores a build method on a Python function', () => {
    const template = withMetadata(
      ['BuildMethod: esbuild'],
      'CodeUri: src',
      'Handler: app.handler',
      'Runtime: python3.11',
    );
    const result = generateText(template, ['src/app.py']);
    expect(result.errors).toEqual([]);
    expect(result.output?.functions[0].bundle).toBeUndefined();
  });
});
