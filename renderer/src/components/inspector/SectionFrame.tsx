/** One section of the inspector: a heading a screen reader can jump to, and its content or why there is none. */
import { useId, type ReactNode } from 'react';
import type { Section } from '../../../../app/api/inspect-types';

export function SectionFrame({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="inspector-section">
      <div className="inspector-section-head">
        <h3 id={id}>{title}</h3>
        {actions}
      </div>
      {children}
    </section>
  );
}

const LABELS = { 'not-available': 'Not available', denied: 'Not permitted', error: 'Could not be read' };

/** A section's value through `render`, or its reason in plain words. */
export function SectionBody<T>({ section, render }: { section: Section<T>; render: (value: T) => ReactNode }) {
  if (section.state === 'ok') return <>{render(section.value)}</>;
  // "Not supported by this provider: …" says it all; the other states get their word first.
  return (
    <p className={`section-note ${section.state}`}>
      {section.state !== 'not-supported' && <strong>{LABELS[section.state]}. </strong>}
      {section.message}
    </p>
  );
}

export function KeyValueTable({ caption, rows, empty = 'None' }: { caption: string; rows: [string, ReactNode][]; empty?: string }) {
  return (
    <table aria-label={caption} className="kv">
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={2} className="muted">
              {empty}
            </td>
          </tr>
        ) : (
          rows.map(([k, v], i) => (
            <tr key={`${i}:${k}`}>
              <th scope="row">{k}</th>
              <td>{v}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
