// Every row of the layer tables (lint/layers.js) is held by the project's real
// ESLint config: each place of app/ is linted importing one place its row does
// not name (reported) and one it does (allowed). The package list is closed:
// it names exactly what package.json installs, plus what Ferry imports through
// another package's dependencies, said so.
import { ESLint } from 'eslint';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

interface Row {
  place: string;
  may: string[];
}
interface Layers {
  appPlaces: Row[];
  packageGroups: Record<string, string | { group: string; via: string }>;
  packageUse: { place: string; groups: string[] }[];
  nodeGroup: string;
}

const layers = (await import(/* @vite-ignore */ new URL('../../lint/layers.js', import.meta.url).href)) as Layers;
const eslint = new ESLint({ cwd: process.cwd() });

async function layerMessages(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'ferry/layers').map((m) => m.message);
}

const places = layers.appPlaces.map((r) => r.place);
const mayReach = (row: Row, place: string) => row.may.some((m) => m === place || (m.endsWith('/') && place.startsWith(m)));
/** A file that stands for a place: the file itself, or x.ts inside the folder. */
const fileIn = (place: string) => (place.endsWith('/') ? `${place}x.ts` : place);
/** The import from `from` that names the place `to`, as code would write it. */
function importOf(from: string, to: string): string {
  const target = to.endsWith('/') ? `${to}x.js` : to.replace(/\.ts$/, '.js');
  const spec = path.posix.relative(path.posix.dirname(fileIn(from)), target);
  return `import * as m from '${spec.startsWith('.') ? spec : `./${spec}`}';\nexport const n = m;\n`;
}
/** A concrete place a `may` entry stands for ('app/transfer/' is any place under it). */
const someplaceIn = (entry: string) => places.find((p) => p === entry || p.startsWith(entry)) ?? entry;

describe('the order of app/', () => {
  it.each(layers.appPlaces.map((row) => [row.place, row] as const))('%s is refused a place its row does not name', async (_, row) => {
    const forbidden = [...places].reverse().find((p) => p !== row.place && !mayReach(row, p));
    expect(forbidden, `${row.place} may import every place: it is no layer`).toBeDefined();
    const messages = await layerMessages(importOf(row.place, forbidden as string), fileIn(row.place));
    expect(messages.join('\n')).toContain(`${row.place} may not import ${forbidden}`);
  });

  it.each(layers.appPlaces.filter((row) => row.may.length > 0).map((row) => [row.place, row] as const))(
    '%s may import the highest place its row names',
    async (_, row) => {
      const allowed = someplaceIn(row.may[row.may.length - 1] as string);
      expect(await layerMessages(importOf(row.place, allowed), fileIn(row.place))).toEqual([]);
    },
  );

  it('places every file of app/ today', () => {
    const files = readdirSync('app', { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f))
      .map((f) => `app/${f.split(path.sep).join('/')}`);
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((f) => !places.some((p) => (p.endsWith('/') ? f.startsWith(p) : f === p)))).toEqual([]);
  });
});

describe('the closed list of packages', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: object; devDependencies: object };
  const installed = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)].sort();
  const groupOf = (entry: Layers['packageGroups'][string]) => (typeof entry === 'string' ? entry : entry.group);

  it('names every package package.json installs', () => {
    expect(installed.filter((name) => !(name in layers.packageGroups))).toEqual([]);
  });

  it('names no other package, except one Ferry imports through another, which it says', () => {
    const extra = Object.entries(layers.packageGroups).filter(([name]) => !installed.includes(name));
    for (const [name, entry] of extra) {
      expect(typeof entry, `${name} is not in package.json: say which installed package brings it`).toBe('object');
      expect(installed, `${name} comes via a package package.json does not install`).toContain((entry as { via: string }).via);
    }
  });

  it('gives every group somewhere it may be imported, but type declarations', () => {
    const used = new Set(layers.packageUse.flatMap((row) => row.groups));
    const groups = new Set(Object.values(layers.packageGroups).map(groupOf));
    expect([...groups].filter((g) => !used.has(g)).sort()).toEqual(['types']);
  });
});
