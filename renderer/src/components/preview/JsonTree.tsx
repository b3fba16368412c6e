/** JSON pretty-printed and foldable: objects and arrays are disclosure widgets, open two levels deep. */
import type { ReactNode } from 'react';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function scalar(v: null | boolean | number | string): ReactNode {
  return <span className={`json-${v === null ? 'null' : typeof v}`}>{JSON.stringify(v)}</span>;
}

function Node({ name, value, depth }: { name: string | null; value: Json; depth: number }) {
  const label = name === null ? null : <span className="json-key">{JSON.stringify(name)}: </span>;
  if (value === null || typeof value !== 'object') {
    return (
      <div className="json-line">
        {label}
        {scalar(value)}
      </div>
    );
  }
  const entries: [string, Json][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return (
    <details open={depth < 2} className="json-node">
      <summary>
        {label}
        {open}
        <span className="muted">
          {' '}
          {entries.length.toLocaleString('en-US')} {Array.isArray(value) ? 'items' : 'keys'}{' '}
        </span>
        {close}
      </summary>
      <div className="json-children">
        {entries.map(([k, v]) => (
          <Node key={k} name={Array.isArray(value) ? null : k} value={v} depth={depth + 1} />
        ))}
      </div>
    </details>
  );
}

export function JsonTree({ value }: { value: unknown }) {
  return (
    <div className="json-tree" role="group" aria-label="JSON">
      <Node name={null} value={value as Json} depth={0} />
    </div>
  );
}
