/**
 * Serve mode's `--root DIR`: the folders the token holder may reach on this
 * machine. Without roots the core reads and writes any path the user can
 * (the desktop app, and serve mode by the user's choice). With them, every
 * local path a call names (a local pane, a file to inspect or download, the
 * sources and destination of a transfer) must resolve, symbolic links
 * followed, inside one of them; anything else is refused before any work.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { FerryError } from '../api/errors.js';
import type { Handlers } from './dispatcher.js';

/** The real path of `p`, or of its nearest existing ancestor joined with the rest (a destination may not exist yet). */
async function resolveReal(p: string): Promise<string> {
  let head = path.resolve(p);
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(await realpath(head), ...rest.reverse());
    } catch {
      const parent = path.dirname(head);
      if (parent === head) return path.resolve(p);
      rest.push(path.basename(head));
      head = parent;
    }
  }
}

export class LocalRoots {
  #real: Promise<string[]>;

  /** `own` are Ferry's own folders (serve mode's upload staging) that its jobs read from, not named to the user. */
  constructor(
    readonly roots: string[],
    own: string[] = [],
  ) {
    this.#real = Promise.all([...roots, ...own].map((r) => resolveReal(r)));
  }

  /** Refuses a path outside every root, naming the roots it may use. */
  async check(p: string): Promise<void> {
    const real = await resolveReal(p);
    for (const root of await this.#real) {
      if (real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep)) return;
    }
    throw new FerryError(
      'unsafe-path',
      `${p} is outside the folders this Ferry may use (${this.roots.join(', ')}): it was started with --root.`,
      {
        details: { path: p },
      },
    );
  }
}

/** The calls that name local paths, each checked against the roots before it runs. */
export function confineToRoots(handlers: Handlers, roots: LocalRoots): Handlers {
  const local = (l: { kind: string; path?: string }) =>
    l.kind === 'local' && l.path !== undefined ? roots.check(l.path) : Promise.resolve();
  return {
    ...handlers,
    'browse.list': async (args) => {
      await local(args.location);
      return handlers['browse.list'](args);
    },
    // A search follows links, so each match must sit in a folder the roots allow, as a listing of that folder would.
    'browse.search': async (args, signal) => {
      await local(args.location);
      const page = await handlers['browse.search'](args, signal);
      if (args.location.kind !== 'local') return page;
      const inside = await Promise.all(
        page.entries.map((e) =>
          local({ kind: 'local', path: path.dirname(e.id) }).then(
            () => true,
            () => false,
          ),
        ),
      );
      return { ...page, entries: page.entries.filter((_, i) => inside[i]) };
    },
    'object.inspect': async (args) => {
      await local(args.item);
      return handlers['object.inspect'](args);
    },
    'transfer.start': async (args) => {
      for (const s of args.sources) await local(s as { kind: string; path?: string });
      await local(args.destination);
      return handlers['transfer.start'](args);
    },
    'upload.commit': async (args) => {
      await local(args.destination);
      return handlers['upload.commit'](args);
    },
    // Managing local folders: the folder a new one goes in, the entry renamed (its new name stays beside it), what is deleted.
    'folder.create': async (args) => {
      await local(args.location);
      return handlers['folder.create'](args);
    },
    'entry.rename': async (args) => {
      await local(args.item);
      return handlers['entry.rename'](args);
    },
    'delete.summary': async (args) => {
      if (args.selection.kind === 'local') for (const p of args.selection.paths) await roots.check(p);
      return handlers['delete.summary'](args);
    },
    'delete.run': async (args) => {
      if (args.selection.kind === 'local') for (const p of args.selection.paths) await roots.check(p);
      return handlers['delete.run'](args);
    },
  };
}
