/**
 * Links to folders met while walking a folder a user chose. Ferry follows
 * them: in a file manager they look like folders, and a user who sends a
 * folder expects what they see in it to arrive (an upload or a sync that
 * left them out would lose those files without a word). A link is not
 * followed where it leads back into a folder the walk is already inside,
 * since the walk would never end.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';

/** The real paths of the folders a walk is inside, outermost first; one more for each level it descends. */
export type FolderChain = readonly string[];

/** The chain at a walk's root: the root's real path (links in the path the user gave resolved once). */
export async function chainAt(root: string): Promise<FolderChain> {
  return [await realpath(root)];
}

/** The chain inside `name`, a plain (not linked) folder of the chain's innermost folder. */
export function chainInto(chain: FolderChain, name: string): FolderChain {
  return [...chain, path.join(chain[chain.length - 1] as string, name)];
}

/**
 * Where a link to a folder leads: the chain inside it; 'loop' when following it would walk into a folder the chain is
 * already inside (the link's target is one of those folders, or holds one); 'refused' when `confine` refuses its
 * real place (serve mode's --root: a link must not lead a walk out of the folders it may read).
 */
export async function followLink(
  chain: FolderChain,
  link: string,
  confine?: (localPath: string) => Promise<void>,
): Promise<FolderChain | 'loop' | 'refused'> {
  const target = await realpath(link);
  const inside = target.endsWith(path.sep) ? target : target + path.sep;
  if (chain.some((folder) => folder === target || folder.startsWith(inside))) return 'loop';
  if (confine && !(await mayRead(confine, target))) return 'refused';
  return [...chain, target];
}

async function mayRead(confine: (localPath: string) => Promise<void>, target: string): Promise<boolean> {
  try {
    await confine(target);
    return true;
  } catch {
    return false;
  }
}
