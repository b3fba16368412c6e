/**
 * What a server taught earlier runs of `ferry` by being written to: whether
 * it honours If-None-Match, whether it keeps keys with dot segments as sent,
 * whether a copy inside it keeps the source's tags.
 * A connection named by FERRY_<NAME>_* variables lives for one run, so
 * without this each run would probe again, writing under `.ferry-probe/`
 * every time (and, with keys that may not delete, leaving it there).
 *
 * Kept in the data folder (`cli-learnt.json`) by endpoint and access key id,
 * hashed so the file names no account; never a secret. A file that cannot be
 * read is taken as empty: the worst that costs is a probe.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Learnt } from '../api/connection-types.js';
import { writeFileAtomicSync } from '../base/atomic-file.js';

const ANSWERS: Record<keyof Learnt, readonly string[]> = {
  keySegments: ['verbatim', 'changed'],
  conditionalWrites: ['honoured', 'ignored'],
  copyTags: ['kept', 'dropped'],
};

export class LearntFacts {
  readonly #file: string;

  constructor(userDataDir: string) {
    this.#file = path.join(userDataDir, 'cli-learnt.json');
  }

  get(endpoint: string, accessKeyId: string): Learnt | undefined {
    const found = this.#load()[keyOf(endpoint, accessKeyId)];
    return found && Object.keys(found).length > 0 ? found : undefined;
  }

  remember(endpoint: string, accessKeyId: string, learnt: Learnt): void {
    const all = this.#load();
    const key = keyOf(endpoint, accessKeyId);
    all[key] = { ...all[key], ...definite(learnt) };
    try {
      writeFileAtomicSync(this.#file, `${JSON.stringify(all, null, 1)}\n`);
    } catch {
      // A read-only data folder: the next run probes again, nothing worse.
    }
  }

  #load(): Record<string, Learnt> {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.#file, 'utf8'));
    } catch {
      return {};
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
    const out: Record<string, Learnt> = {};
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      if (typeof value === 'object' && value !== null) out[key] = definite(value as Learnt);
    }
    return out;
  }
}

/** Only answers a probe can give for sure; anything else in the file (edited by hand, an older shape) is dropped. */
function definite(learnt: Learnt): Learnt {
  const out: Record<string, string> = {};
  for (const field of Object.keys(ANSWERS) as (keyof Learnt)[]) {
    const value = learnt[field];
    if (typeof value === 'string' && ANSWERS[field].includes(value)) out[field] = value;
  }
  return out as Learnt;
}

function keyOf(endpoint: string, accessKeyId: string): string {
  return createHash('sha256').update(`${endpoint}\n${accessKeyId}`).digest('hex').slice(0, 32);
}
