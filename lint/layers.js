// The order of Ferry's core, as data. eslint.config.js feeds these tables to
// the `ferry/layers` rule (lint/layers-rule.js); tests/unit/layering-lint.test.ts
// lints one breach of every row. Read a row as "files here may import from
// these places"; a file always may import from its own place.

const api = 'app/api/';
const base = 'app/base/';
const wire = ['app/sdk/', 'app/s3/direct/prepared/', 'app/s3/requests/', 'app/s3/direct/sockets/', 'app/s3/'];
/** What the upper steps of the transfer stack (item, methods, run, job) stand on. */
const belowItem = [
  api,
  base,
  'app/local/',
  ...wire,
  'app/sync/',
  'app/transfer/hash/',
  'app/transfer/plan/',
  'app/transfer/tuning.ts',
  'app/transfer/journal-records.ts',
  'app/transfer/journal.ts',
  'app/transfer/scheduler.ts',
  // Whether a bucket locks what is written: asked before any probe writes a test object, the transfer's own too.
  'app/probe/locked-bucket.ts',
];

/**
 * Every place in app/, from the bottom up. A place is a folder (ends in /) or
 * one file; a file belongs to the longest place that holds it, and a file of
 * app/ in no place is itself an error, so a new folder must be given a row.
 */
export const appPlaces = [
  { place: api, may: [] },
  { place: base, may: [] },
  // The AWS SDK as the core sees it: S3 commands by its names, built without it, and its packages loaded on first need.
  { place: 'app/sdk/', may: [] },
  { place: 'app/providers/', may: [api] },
  { place: 'app/local/', may: [api, base] },
  { place: 'app/uploads/', may: [api] },
  { place: 'app/probe/', may: [api, 'app/sdk/', 'app/probe/locked-bucket.ts'] },
  { place: 'app/probe/locked-bucket.ts', may: [api, 'app/sdk/'] },
  { place: 'app/secrets/', may: [api, base] },
  { place: 'app/connections/', may: [api, base, 'app/sdk/', 'app/providers/', 'app/secrets/'] },

  // Everything that speaks S3 on the wire: no jobs, no disk, no handlers.
  { place: 'app/s3/direct/prepared/', may: [api, base, 'app/providers/', 'app/sdk/'] },
  { place: 'app/s3/requests/', may: [api, base, 'app/sdk/', 'app/s3/direct/prepared/'] },
  { place: 'app/s3/direct/sockets/', may: [api, base, 'app/sdk/', 'app/s3/requests/'] },
  { place: 'app/s3/', may: [api, base, 'app/providers/', 'app/probe/', 'app/connections/', ...wire] },

  // Compare two locations: listings in S3 byte order merged, globs; the engine's planner builds a sync's items on it.
  { place: 'app/sync/', may: [api, base, 'app/local/', ...wire] },

  // The transfer engine, a strict stack: each step imports only the steps below it.
  { place: 'app/transfer/hash/', may: [api, base] },
  { place: 'app/transfer/plan/', may: [api, base, 'app/local/', ...wire, 'app/sync/'] },
  { place: 'app/transfer/tuning.ts', may: [api, base, ...wire] },
  { place: 'app/transfer/journal-records.ts', may: [api] },
  { place: 'app/transfer/journal.ts', may: [api, base, 'app/transfer/plan/', 'app/transfer/journal-records.ts', 'app/sync/'] },
  { place: 'app/transfer/scheduler.ts', may: [api, base, 'app/transfer/tuning.ts'] },
  { place: 'app/transfer/server-facts.ts', may: [api, 'app/probe/', ...wire] },
  { place: 'app/transfer/item/', may: belowItem },
  { place: 'app/transfer/methods/', may: [...belowItem, 'app/transfer/item/'] },
  { place: 'app/transfer/run/', may: [...belowItem, 'app/transfer/item/', 'app/transfer/methods/'] },
  { place: 'app/transfer/job/', may: [...belowItem, 'app/transfer/item/', 'app/transfer/methods/', 'app/transfer/run/'] },
  {
    place: 'app/transfer/engine.ts',
    may: [api, base, 'app/connections/', 'app/local/', 'app/probe/', ...wire, 'app/sync/', 'app/transfer/'],
  },

  // Features over the engine and the wire, then the hosts that serve them.
  { place: 'app/diagnostics/', may: [api, base, 'app/providers/', 'app/probe/', 'app/connections/', ...wire] },
  { place: 'app/delete/', may: [api, base, ...wire, 'app/sync/', 'app/transfer/plan/'] },
  // The inspector's reads and writes of one object: the wire and the provider's facts, no jobs.
  { place: 'app/inspect/', may: [api, base, 'app/providers/', ...wire] },
  // The window's lasting state (workspace, settings, bookmarks) on disk: files only.
  { place: 'app/workspace/', may: [api, base] },
  // Managing what is in the buckets: bucket calls under object calls, both over delete; previews read the wire.
  { place: 'app/buckets/', may: [api, base, 'app/providers/', ...wire, 'app/delete/'] },
  { place: 'app/objects/', may: [api, base, 'app/local/', ...wire, 'app/delete/', 'app/buckets/'] },
  { place: 'app/preview/', may: [api, base, 'app/local/', ...wire] },
  {
    place: 'app/core/',
    may: [
      api,
      base,
      'app/providers/',
      'app/local/',
      'app/uploads/',
      'app/probe/',
      'app/secrets/',
      'app/connections/',
      ...wire,
      'app/sync/',
      'app/transfer/',
      'app/diagnostics/',
      'app/delete/',
      'app/inspect/',
      'app/workspace/',
      'app/buckets/',
      'app/objects/',
      'app/preview/',
    ],
  },
  // The demo clouds: Ferry's own small S3 server (checking signatures with the wire's signer, reading bodies with its XML scanner), seeded and added through the core's own calls.
  { place: 'app/demo/', may: [api, base, 'app/s3/direct/prepared/', 'app/core/'] },
  { place: 'app/serve/', may: [api, base, 'app/uploads/', ...wire, 'app/core/', 'app/demo/', 'app/preview/'] },
  {
    place: 'app/cli/',
    may: [
      api,
      base,
      'app/providers/',
      'app/local/',
      'app/secrets/',
      'app/connections/',
      ...wire,
      'app/sync/',
      'app/transfer/',
      'app/delete/',
      'app/inspect/',
      'app/core/',
    ],
  },
];

/**
 * Every npm package Ferry imports or installs, each in one group: the closed
 * list. Importing a package that is not here is a lint error, and the
 * layering test holds this list to package.json both ways. `via` marks a
 * package Ferry imports but gets through another one's dependencies.
 */
export const packageGroups = {
  // The contract's schemas: the core and the shell validate with them.
  zod: 'contract',
  // The S3 client and what the core needs beside it.
  '@aws-sdk/client-s3': 'core',
  '@aws-sdk/credential-providers': 'core',
  '@aws-sdk/lib-storage': 'tooling',
  '@aws-sdk/types': { group: 'core', via: '@aws-sdk/client-s3' },
  '@smithy/core': { group: 'core', via: '@aws-sdk/client-s3' },
  '@smithy/types': { group: 'core', via: '@aws-sdk/client-s3' },
  '@smithy/node-http-handler': 'core',
  '@smithy/signature-v4': 'core',
  // Reference XML readers for the list parser's differential fuzz (tests only).
  '@xmldom/xmldom': { group: 'tooling', via: 'electron-builder' },
  'fast-xml-parser': { group: 'tooling', via: 's3rver' },
  'mime-types': 'core',
  undici: 'core',
  // Serve mode's socket.
  ws: 'serve',
  // The desktop shell.
  electron: 'shell',
  // The window's UI.
  react: 'ui',
  'react-dom': 'ui',
  '@tanstack/react-query': 'ui',
  // Building, packing, checking and testing: never shipped code's imports.
  '@axe-core/playwright': 'tooling',
  '@doyensec/electronegativity': 'tooling',
  '@electron/asar': 'tooling',
  '@electron/fuses': 'tooling',
  '@eslint/js': 'tooling',
  '@playwright/test': 'tooling',
  '@resvg/resvg-wasm': 'tooling',
  '@stryker-mutator/core': 'tooling',
  '@stryker-mutator/vitest-runner': 'tooling',
  '@vitejs/plugin-react': 'tooling',
  'app-builder-lib': { group: 'tooling', via: 'electron-builder' },
  'electron-builder': 'tooling',
  esbuild: 'tooling',
  eslint: 'tooling',
  'eslint-plugin-react-hooks': 'tooling',
  'fast-check': 'tooling',
  prettier: 'tooling',
  // One of the tests' S3 servers; the demo clouds run Ferry's own (app/demo/server/), so shipped code never imports it.
  s3rver: 'tooling',
  typescript: 'tooling',
  'typescript-eslint': 'tooling',
  vite: 'tooling',
  vitest: 'tooling',
  // Type declarations: compiled against, never imported.
  '@types/mime-types': 'types',
  '@types/node': 'types',
  '@types/react': 'types',
  '@types/react-dom': 'types',
  '@types/ws': 'types',
};

/** Node's own modules, as a group of their own. */
export const nodeGroup = 'node';

/**
 * Which groups of packages each part of the tree may import: the first row
 * whose place holds the file decides. Everything outside app/, main/ and
 * renderer/ is tooling (tests, e2e, bench, scripts, configs).
 */
export const packageUse = [
  { place: 'app/api/', groups: ['contract'] },
  { place: 'app/serve/', groups: ['contract', 'core', 'serve', nodeGroup] },
  { place: 'app/demo/', groups: ['contract', 'core', nodeGroup] },
  { place: 'app/', groups: ['contract', 'core', nodeGroup] },
  { place: 'main/', groups: ['contract', 'shell', nodeGroup] },
  { place: 'renderer/', groups: ['ui'] },
  { place: '', groups: ['contract', 'core', 'serve', 'shell', 'ui', 'tooling', nodeGroup] },
];
