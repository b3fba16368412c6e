/** Import S3 remotes from an rclone config file: list them (without keys), pick, import. */
import { useState, type FormEvent } from 'react';
import type { RcloneRemoteInfo } from '../../../../app/api/types';
import { call, CallError } from '../../bridge/ferry-client';
import { useImportRclone } from './connection-queries';

export function RcloneImport() {
  const [path, setPath] = useState('');
  const [remotes, setRemotes] = useState<RcloneRemoteInfo[] | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const importer = useImportRclone();

  const read = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    try {
      const found = await call('connections.rcloneRemotes', path.trim() ? { path: path.trim() } : {});
      setRemotes(found);
      setChosen(found.filter((r) => !r.problem).map((r) => r.name));
      if (found.length === 0) setMessage({ text: 'That file has no S3 remotes.', error: false });
    } catch (err) {
      setRemotes(null);
      setMessage({ text: err instanceof CallError ? err.data.message : String(err), error: true });
    }
  };

  const doImport = async () => {
    try {
      const added = await importer.mutateAsync({ names: chosen, ...(path.trim() ? { path: path.trim() } : {}) });
      setMessage({ text: `Imported ${added.map((c) => c.label).join(', ')}.`, error: false });
      setRemotes(null);
    } catch (err) {
      setMessage({ text: err instanceof CallError ? err.data.message : String(err), error: true });
    }
  };

  return (
    <details className="rclone-import">
      <summary>Import from rclone</summary>
      <form onSubmit={read}>
        <label>
          rclone config file
          <input
            value={path}
            onChange={(e) => setPath(e.target.value)}
            placeholder="~/.config/rclone/rclone.conf (default)"
            spellCheck={false}
          />
        </label>
        <button type="submit">Read remotes</button>
      </form>
      {remotes && remotes.length > 0 && (
        <fieldset>
          <legend>S3 remotes</legend>
          {remotes.map((r) => (
            <label key={r.name} className="checkbox">
              <input
                type="checkbox"
                disabled={Boolean(r.problem)}
                checked={chosen.includes(r.name)}
                onChange={(e) => setChosen(e.target.checked ? [...chosen, r.name] : chosen.filter((n) => n !== r.name))}
              />
              {r.name} ({r.rcloneProvider}
              {r.endpoint ? `, ${r.endpoint}` : ''}){r.problem ? `: ${r.problem}` : ''}
            </label>
          ))}
          <button type="button" disabled={chosen.length === 0 || importer.isPending} onClick={() => void doImport()}>
            Import {chosen.length === 1 ? '1 remote' : `${chosen.length} remotes`}
          </button>
        </fieldset>
      )}
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'form-error' : 'muted'}>
          {message.text}
        </p>
      )}
    </details>
  );
}
