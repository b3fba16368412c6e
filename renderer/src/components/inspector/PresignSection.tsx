/**
 * A link anyone may use until it expires: made on request, shown with its
 * expiry moment, copied to the clipboard, and forgotten when the inspector
 * moves on (it is never stored).
 */
import { useState } from 'react';
import type { ObjectInspection, PresignedLink } from '../../../../app/api/inspect-types';
import { call } from '../../bridge/ferry-client';
import { formatDate } from '../../format';
import { errorMessage } from './DiffDialog';
import { SectionFrame } from './SectionFrame';

const EXPIRIES: [number, string][] = [
  [60, '1 minute'],
  [15 * 60, '15 minutes'],
  [3600, '1 hour'],
  [24 * 3600, '1 day'],
  [7 * 24 * 3600, '7 days (the most SigV4 allows)'],
];

export function PresignSection({ data }: { data: ObjectInspection }) {
  const [method, setMethod] = useState<'GET' | 'PUT'>('GET');
  const [expires, setExpires] = useState(3600);
  const [link, setLink] = useState<PresignedLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  const create = async () => {
    setError(null);
    setCopied(false);
    try {
      const made = await call('inspect.presign', { item: data.item, method, expiresSeconds: expires });
      setLink(made);
      await navigator.clipboard?.writeText(made.url).then(
        () => setCopied(true),
        () => undefined,
      );
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <SectionFrame title="Presigned link">
      <div className="presign-form">
        <label>
          Link for
          <select value={method} onChange={(e) => setMethod(e.target.value as 'GET' | 'PUT')}>
            <option value="GET">Download (GET)</option>
            <option value="PUT">Upload to this key (PUT)</option>
          </select>
        </label>
        <label>
          Expires in
          <select value={expires} onChange={(e) => setExpires(Number(e.target.value))}>
            {EXPIRIES.map(([s, label]) => (
              <option key={s} value={s}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void create()}>
          Copy presigned link
        </button>
      </div>
      {error && (
        <p role="alert" className="inline-error">
          {error}
        </p>
      )}
      {link && (
        <div className="presign-result">
          <label>
            Presigned link
            <input readOnly value={link.url} onFocus={(e) => e.target.select()} />
          </label>
          <p className="muted" aria-live="polite">
            {copied ? 'Copied. ' : ''}
            {link.method} link, expires {formatDate(link.expiresAt)}. Anyone with it can {link.method === 'GET' ? 'read' : 'write'} this
            object until then.
          </p>
        </div>
      )}
    </SectionFrame>
  );
}
