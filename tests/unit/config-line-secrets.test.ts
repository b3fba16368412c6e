// A malformed line of a credentials file is named by its line and the key it
// seems to set, never by its text: in these files the text is the secret.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAwsProfiles } from '../../app/connections/aws-shared-config';
import { readRcloneRemotes } from '../../app/connections/rclone-config';

const dir = mkdtempSync(path.join(tmpdir(), 'ferry-badlines-'));
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY';
let n = 0;
function file(text: string): string {
  const p = path.join(dir, `f${n++}`);
  writeFileSync(p, text);
  return p;
}

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the file was accepted');
}

describe('bad credential-file lines never quote their value', () => {
  it.each([
    ['a colon instead of =', `[default]\naws_access_key_id = AKIDX\naws_secret_access_key: ${SECRET}\n`, 3, 'aws_secret_access_key'],
    ['a space instead of =', `[default]\naws_secret_access_key ${SECRET}\n`, 2, 'aws_secret_access_key'],
    ['a secret alone on its line', `[default]\naws_access_key_id = AKIDX\n${SECRET}\n`, 3, undefined],
    ['a header missing its ] followed by a secret', `[default ${SECRET}\n`, 1, undefined],
  ])('~/.aws/credentials: %s', (_name, text, line, key) => {
    const credentials = file(text);
    const message = messageOf(() => listAwsProfiles({ configFile: path.join(dir, 'absent'), credentialsFile: credentials }));
    expect(message).toContain(`line ${line}:`);
    expect(message).not.toContain(SECRET);
    expect(message).not.toContain(SECRET.slice(0, 8));
    if (key) expect(message).toContain(`"${key}"`);
  });

  it.each([
    ['a colon instead of =', `[r2]\ntype = s3\nsecret_access_key: ${SECRET}\n`, 3, 'secret_access_key'],
    ['a secret alone on its line', `[r2]\ntype = s3\n${SECRET}\n`, 3, undefined],
  ])('rclone config: %s', (_name, text, line, key) => {
    const message = messageOf(() => readRcloneRemotes(file(text)));
    expect(message).toContain(`line ${line}:`);
    expect(message).not.toContain(SECRET.slice(0, 8));
    if (key) expect(message).toContain(`"${key}"`);
  });
});
