// The command line's memory of what servers taught it: kept per endpoint and
// key id, only definite answers, and a damaged file costs a probe, not a run.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LearntFacts } from '../../app/cli/learnt-facts';

const folder = () => mkdtempSync(path.join(tmpdir(), 'ferry-learnt-unit-'));

describe('LearntFacts', () => {
  it('keeps answers per endpoint and access key id, merged field by field', () => {
    const dir = folder();
    const facts = new LearntFacts(dir);
    facts.remember('http://a', 'KEY1', { conditionalWrites: 'honoured' });
    facts.remember('http://a', 'KEY1', { keySegments: 'changed' });
    facts.remember('http://a', 'KEY2', { conditionalWrites: 'ignored' });
    const again = new LearntFacts(dir);
    expect(again.get('http://a', 'KEY1')).toEqual({ conditionalWrites: 'honoured', keySegments: 'changed' });
    expect(again.get('http://a', 'KEY2')).toEqual({ conditionalWrites: 'ignored' });
    expect(again.get('http://b', 'KEY1')).toBeUndefined();
    expect(readFileSync(path.join(dir, 'cli-learnt.json'), 'utf8')).not.toMatch(/KEY1|http:\/\/a/);
  });

  it('drops what is not a definite answer, and reads a damaged file as empty', () => {
    const dir = folder();
    const facts = new LearntFacts(dir);
    facts.remember('http://a', 'K', { conditionalWrites: 'unknown' });
    expect(facts.get('http://a', 'K')).toBeUndefined();
    writeFileSync(path.join(dir, 'cli-learnt.json'), '{ not json');
    expect(facts.get('http://a', 'K')).toBeUndefined();
    facts.remember('http://a', 'K', { conditionalWrites: 'honoured' });
    expect(facts.get('http://a', 'K')).toEqual({ conditionalWrites: 'honoured' });
  });
});
