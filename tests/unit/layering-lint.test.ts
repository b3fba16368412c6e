// The layers are a lint rule, so this checks the rule itself: each breach
// below must be reported by the project's real ESLint config, and the
// allowed forms must pass.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

const restricted = ['@typescript-eslint/no-restricted-imports', 'no-restricted-imports', 'no-restricted-globals', 'ferry/layers'];
const breaches = (ids: string[]) => ids.filter((id) => restricted.includes(id));

describe('layering rules', () => {
  it.each([
    ['app/s3/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['app/core/x.ts', "import { useState } from 'react';\nexport const s = useState;\n"],
    ['app/core/x.ts', "import { bindIpc } from '../../main/ipc-binding';\nexport const b = bindIpc;\n"],
    ['app/core/x.ts', "import { WebSocket } from 'ws';\nexport const w = WebSocket;\n"],
    ['renderer/src/x.ts', "import fs from 'node:fs';\nexport const f = fs;\n"],
    ['renderer/src/x.ts', "import { readFile } from 'fs';\nexport const r = readFile;\n"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n"],
    ['renderer/src/x.ts', "import { createCore } from '../../app/core/ferry-core';\nexport const c = createCore;\n"],
    ['renderer/src/x.ts', "import { calls } from '../../app/api/contract';\nexport const c = calls;\n"],
    ['renderer/src/x.ts', "export const s = new WebSocket('ws://x');\n"],
    ['main/window.ts', "import { ipcMain } from 'electron';\nexport const i = ipcMain;\n"],
    // The order of app/ (lint/layers.js): base imports nothing of app/; s3 neither transfer, delete nor core;
    // the lower steps of transfer never the upper ones; a folder without a row is itself a breach.
    ['app/base/x.ts', "import { FerryError } from '../api/errors.js';\nexport const e = FerryError;\n"],
    ['app/s3/x.ts', "import { TransferEngine } from '../transfer/engine.js';\nexport const t = TransferEngine;\n"],
    ['app/s3/requests/x.ts', "import type { Scheduler } from '../../transfer/scheduler.js';\nexport type S = Scheduler;\n"],
    ['app/s3/x.ts', "import { deleteObjects } from '../delete/delete-objects.js';\nexport const d = deleteObjects;\n"],
    ['app/s3/x.ts', "import { createCore } from '../core/ferry-core.js';\nexport const c = createCore;\n"],
    ['app/transfer/plan/x.ts', "import { Job } from '../job/job.js';\nexport const j = Job;\n"],
    ['app/transfer/item/x.ts', "import { streamedWrite } from '../methods/write-s3.js';\nexport const w = streamedWrite;\n"],
    ['app/transfer/methods/x.ts', "import { runItem } from '../run/item-runner.js';\nexport const r = runItem;\n"],
    ['app/transfer/job/x.ts', "import { TransferEngine } from '../engine.js';\nexport const t = TransferEngine;\n"],
    ['app/transfer/hash/x.ts', "import { JournalStore } from '../journal.js';\nexport const j = JournalStore;\n"],
    ['app/shelf/x.ts', 'export const nothing = 0;\n'],
    // Every package is in one group of the closed list, and each part of the tree imports only its groups.
    ['app/core/x.ts', "import pad from 'left-pad';\nexport const p = pad;\n"],
    ['app/api/x.ts', "import { S3Client } from '@aws-sdk/client-s3';\nexport const c = S3Client;\n"],
    ['app/core/x.ts', "import { describe } from 'vitest';\nexport const d = describe;\n"],
    ['main/x.ts', "import { S3Client } from '@aws-sdk/client-s3';\nexport const c = S3Client;\n"],
    ['app/transfer/run/x.ts', "import { HeadObjectCommand } from '@aws-sdk/client-s3';\nexport const h = HeadObjectCommand;\n"],
    ['renderer/src/x.ts', "import { z } from 'zod';\nexport const s = z.string();\n"],
    ['app/serve/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['tests/unit/x.ts', "import type { Buffer } from '@types/node';\nexport type B = Buffer;\n"],
  ])('reports a breach in %s', async (file, code) => {
    expect(breaches(await ruleIds(code, file))).not.toEqual([]);
  });

  it.each([
    ['renderer/src/x.ts', "import type { Listing } from '../../app/api/types';\nexport type L = Listing;\n"],
    ['app/serve/x.ts', "import { WebSocketServer } from 'ws';\nexport const w = WebSocketServer;\n"],
    ['main/ipc-binding.ts', "import { ipcMain } from 'electron';\nexport const i = ipcMain;\n"],
    ['main/x.ts', "import { createCore } from '../app/core/ferry-core';\nexport const c = createCore;\n"],
    ['app/transfer/job/x.ts', "import { runItem } from '../run/item-runner.js';\nexport const r = runItem;\n"],
    ['app/s3/requests/x.ts', "import { Semaphore } from '../../base/semaphore.js';\nexport const s = Semaphore;\n"],
    ['app/inspect/x.ts', "import { S3Client } from '@aws-sdk/client-s3';\nexport const c = S3Client;\n"],
    // The transfer path may name the SDK's types; its values load on first need (app/sdk/load-sdk.ts).
    ['app/delete/x.ts', "import type { S3Client } from '@aws-sdk/client-s3';\nexport type C = S3Client;\n"],
    ['tests/unit/x.ts', "import { describe } from 'vitest';\nexport const d = describe;\n"],
  ])('allows %s', async (file, code) => {
    expect(breaches(await ruleIds(code, file))).toEqual([]);
  });
});
