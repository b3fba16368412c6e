// The two environments are compiler settings, so this checks them: code that
// reaches for the other environment's globals (a `window` in the core, Node's
// `process` in the window) must fail tsconfig.core.json and
// tsconfig.renderer.json, while the same code passes the catch-all
// tsconfig.json (so it fails for the environment alone). Each fixture is
// compiled as a file of the folder it stands for, from memory.
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

function optionsOf(configFile: string): ts.CompilerOptions {
  const { config } = ts.readConfigFile(configFile, (f) => ts.sys.readFile(f));
  return ts.parseJsonConfigFileContent(config, ts.sys, process.cwd(), undefined, configFile).options;
}

/** The compiler's complaints about `code` as the file `fileName`, under `configFile`. */
function diagnosticsOf(configFile: string, fileName: string, code: string): string[] {
  const options = optionsOf(configFile);
  const file = path.resolve(fileName);
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) =>
    path.resolve(name) === file ? ts.createSourceFile(name, code, language) : getSourceFile(name, language, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => path.resolve(name) === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && path.resolve(d.file.fileName) === file)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

const fixtures = [
  {
    env: 'tsconfig.core.json',
    file: 'app/transfer/layering-fixture.ts',
    code: 'export const width = window.innerWidth;\n',
    name: 'window',
  },
  {
    env: 'tsconfig.renderer.json',
    file: 'renderer/src/layering-fixture.ts',
    code: 'export const home = process.env.HOME;\n',
    name: 'process',
  },
  { env: 'tsconfig.renderer.json', file: 'renderer/src/layering-fixture.ts', code: "export const b = Buffer.from('x');\n", name: 'Buffer' },
];

describe('environment tsconfigs', () => {
  it.each(fixtures)('$env refuses $name in $file', { timeout: 120_000 }, ({ env, file, code, name }) => {
    const messages = diagnosticsOf(env, file, code);
    expect(messages.join('\n')).toContain(`Cannot find name '${name}'`);
  });

  it.each(fixtures)('tsconfig.json, with both environments, accepts $name in $file', { timeout: 120_000 }, ({ file, code }) => {
    expect(diagnosticsOf('tsconfig.json', file, code)).toEqual([]);
  });
});
