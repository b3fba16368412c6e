// Which keys Ferry writes to a server and which names it writes to disk.
// Windows' rules are checked on every platform by naming the platform.
import { describe, expect, it } from 'vitest';
import { destinationKey, localNameProblem, localTargetPath, writtenKeyProblem } from '../../app/transfer/plan/destination';

describe('keys with dot or empty segments', () => {
  const pathLike = ['a/../b', 'a/./b', 'a//b', '/a', '..', 'x/.', 'a/..'];

  it.each(pathLike)('writes %j only where the server keeps it as sent', (key) => {
    expect(destinationKey('', key, 'verbatim')).toBe(key);
    expect(() => destinationKey('', key, 'changed')).toThrowError(/this server stores such a key under another name/);
    expect(() => destinationKey('', key)).toThrowError(/could not check that this server keeps such a key as sent/);
  });

  it.each(['a/b/', 'file..txt', '...', '.hidden/x', 'a/..b', 'x/ . /y'])('writes %j anywhere: it is not path-like', (key) => {
    expect(writtenKeyProblem(key, 'changed')).toBeUndefined();
  });

  it('refuses a lone surrogate even where the server keeps keys verbatim', () => {
    expect(writtenKeyProblem('a/\ud800', 'verbatim')).toMatch(/lone surrogate/);
  });
});

describe('local file names on Windows', () => {
  const forbidden: [string, RegExp][] = [
    ['CON', /device/],
    ['nul.txt', /device/],
    ['Com1', /device/],
    ['lpt\u00b9.log', /device/],
    ['conin$', /device/],
    ['report.', /ends with a dot or a space/],
    ['report ', /ends with a dot or a space/],
    ['a:b', /Windows does not allow/],
    ['what?', /Windows does not allow/],
    ['tab\there', /Windows does not allow/],
    ['pipe|d', /Windows does not allow/],
  ];

  it.each(forbidden)('refuses %j on win32 and takes it on linux', (name, why) => {
    expect(localNameProblem(name, 'win32')).toMatch(why);
    expect(localNameProblem(name, 'linux')).toBeUndefined();
    expect(() => localTargetPath('/data/in', `sub/${name}`, 'win32')).toThrowError(expect.objectContaining({ code: 'unsafe-path' }));
    expect(localTargetPath('/data/in', `sub/${name}`, 'linux').target).toBe(`/data/in/sub/${name}`);
  });

  it.each(['console', 'nullify.txt', 'com10', 'CONTENTS', 'a.b.c', '.hidden'])('takes %j on win32: not a reserved name', (name) => {
    expect(localNameProblem(name, 'win32')).toBeUndefined();
  });

  it('refuses a backslash everywhere: it is a separator on Windows', () => {
    expect(localNameProblem('a\\b', 'linux')).toMatch(/separator/);
  });

  it('names a file name past 255 bytes on every platform', () => {
    expect(localNameProblem('é'.repeat(128), 'linux')).toMatch(/256 bytes long; a file name is at most 255/);
    expect(localNameProblem('é'.repeat(127) + 'a', 'win32')).toBeUndefined();
  });
});
