/**
 * Turns a parsed address into a place to go: a folder as itself, an object or
 * file as its folder with it selected. Asks the core, so an address that
 * names nothing is refused before the pane moves.
 */
import type { Location } from '../../../app/api/types';
import { call, CallError } from '../bridge/ferry-client';
import type { Address } from './address';

export type Resolved = { ok: true; location: Location; select?: string } | { ok: false; error: string };

const message = (err: unknown) => (err instanceof CallError ? err.data.message : String(err));

function localParent(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  if (i <= 0) return p.slice(0, 1) || '/';
  const parent = p.slice(0, i);
  return /^[A-Za-z]:$/.test(parent) ? `${parent}\\` : parent;
}

export async function resolveAddress(address: Address, shown: string): Promise<Resolved> {
  if (address.kind === 'local') {
    const location: Location = { kind: 'local', path: address.path };
    try {
      await call('browse.list', { location });
      return { ok: true, location };
    } catch (folderError) {
      try {
        await call('object.inspect', { item: location });
        return { ok: true, location: { kind: 'local', path: localParent(address.path) }, select: address.path };
      } catch {
        return { ok: false, error: message(folderError) };
      }
    }
  }
  const { connectionId, bucket, key } = address;
  const at = (prefix: string): Location => ({ kind: 's3', connectionId, bucket, prefix });
  if (!bucket || key === '' || key.endsWith('/')) return { ok: true, location: at(key) };
  try {
    await call('object.inspect', { item: { kind: 's3', connectionId, bucket, key } });
    return { ok: true, location: at(key.slice(0, key.lastIndexOf('/') + 1)), select: key };
  } catch (objectError) {
    try {
      const folder = await call('browse.list', { location: at(`${key}/`) });
      if (folder.entries.length > 0) return { ok: true, location: at(`${key}/`) };
    } catch {
      // The object's error says more than the listing's.
    }
    const code = objectError instanceof CallError ? objectError.data.code : '';
    return { ok: false, error: code === 'not-found' ? `Nothing at ${shown}: no object or folder of that name.` : message(objectError) };
  }
}
