// `ferry/layers`: holds every import to the tables of lint/layers.js. Paths
// are resolved from the importing file, so `../scheduler.js` inside
// app/transfer/job/ is known as app/transfer/scheduler.ts, which a pattern on
// the import's text could not tell.
import { builtinModules } from 'node:module';
import path from 'node:path';

const builtins = new Set(builtinModules);

/** The longest place of `places` that holds `file` (both repo-relative, posix), or undefined. */
export function placeOf(file, places) {
  const bare = file.replace(/\.(js|ts|tsx|mjs|cjs|mts)$/, '');
  let best;
  for (const place of places) {
    const holds = place.endsWith('/') ? bare.startsWith(place) : bare === place.replace(/\.(js|ts|tsx|mjs|cjs|mts)$/, '');
    if (holds && (best === undefined || place.length > best.length)) best = place;
  }
  return best;
}

/** The npm package an import names (`@scope/name` or `name`), or `node:` for one of Node's own modules. */
export function packageOf(specifier) {
  if (specifier.startsWith('node:') || builtins.has(specifier.split('/')[0])) return 'node:';
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The rule, built from the tables so the test can lint against the project's own. */
export function layersRule({ appPlaces, packageGroups, nodeGroup, packageUse }) {
  const places = appPlaces.map((row) => row.place);
  const mayOf = new Map(appPlaces.map((row) => [row.place, row.may]));
  const groupOf = (name) => {
    if (name === 'node:') return nodeGroup;
    const entry = packageGroups[name];
    return typeof entry === 'string' ? entry : entry?.group;
  };
  const useRows = [...packageUse].sort((a, b) => b.place.length - a.place.length);

  return {
    meta: {
      type: 'problem',
      docs: { description: "Holds imports to Ferry's layer tables (lint/layers.js)." },
      schema: [],
      messages: {
        unplaced: '{{file}} is in no place of app/: give its folder a row in lint/layers.js.',
        upward: '{{from}} may not import {{to}} ({{spec}}): see the order in lint/layers.js.',
        unassigned: 'The package "{{name}}" is in no group: add it to packageGroups in lint/layers.js.',
        wrongGroup: '{{where}} may not import "{{name}}" ({{group}} code): see packageUse in lint/layers.js.',
      },
    },
    create(context) {
      const file = path.relative(context.cwd, context.filename).split(path.sep).join('/');
      if (file.startsWith('..')) return {};
      const inApp = file.startsWith('app/');
      const fromPlace = inApp ? placeOf(file, places) : undefined;
      const useRow = useRows.find((row) => file.startsWith(row.place));

      function check(node, spec) {
        if (typeof spec !== 'string') return;
        if (spec.startsWith('.')) {
          if (!inApp || fromPlace === undefined) return;
          const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
          if (!target.startsWith('app/')) return;
          const toPlace = placeOf(target, places);
          if (toPlace === fromPlace) return;
          const may = mayOf.get(fromPlace) ?? [];
          const allowed = toPlace !== undefined && may.some((m) => m === toPlace || (m.endsWith('/') && toPlace.startsWith(m)));
          if (!allowed) context.report({ node, messageId: 'upward', data: { from: fromPlace, to: toPlace ?? target, spec } });
          return;
        }
        if (spec.startsWith('/') || (spec.includes(':') && !spec.startsWith('node:'))) return;
        const name = packageOf(spec);
        const group = groupOf(name);
        if (group === undefined) context.report({ node, messageId: 'unassigned', data: { name } });
        else if (useRow && !useRow.groups.includes(group))
          context.report({ node, messageId: 'wrongGroup', data: { where: useRow.place || 'this file', name, group } });
      }

      const fromSource = (node) => check(node.source, node.source?.value);
      return {
        Program(node) {
          if (inApp && fromPlace === undefined) context.report({ node, messageId: 'unplaced', data: { file } });
        },
        ImportDeclaration: fromSource,
        ExportAllDeclaration: fromSource,
        ExportNamedDeclaration: (node) => node.source && fromSource(node),
        ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
        CallExpression(node) {
          const [arg] = node.arguments;
          if (node.callee.type === 'Identifier' && node.callee.name === 'require' && arg?.type === 'Literal') check(arg, arg.value);
        },
      };
    },
  };
}
