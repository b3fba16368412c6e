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

const restricted = ['@typescript-eslint/no-restricted-imports', 'no-restricted-imports', 'no-restricted-globals'];
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
  ])('reports a breach in %s', async (file, code) => {
    expect(breaches(await ruleIds(code, file))).not.toEqual([]);
  });

  it.each([
    ['renderer/src/x.ts', "import type { Listing } from '../../app/api/types';\nexport type L = Listing;\n"],
    ['app/serve/x.ts', "import { WebSocketServer } from 'ws';\nexport const w = WebSocketServer;\n"],
    ['main/ipc-binding.ts', "import { ipcMain } from 'electron';\nexport const i = ipcMain;\n"],
    ['main/x.ts', "import { createCore } from '../app/core/ferry-core';\nexport const c = createCore;\n"],
  ])('allows %s', async (file, code) => {
    expect(breaches(await ruleIds(code, file))).toEqual([]);
  });
});
