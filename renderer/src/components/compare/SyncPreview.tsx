/**
 * What the sync will do, before it runs: one tab per action (upload,
 * overwrite, delete, conflict, skip) with its count and bytes, and the first
 * rows of the chosen one with each side's size and date, as the compare
 * streams. "Show all" pages further through that action from the core.
 */
import { useId, useState } from 'react';
import type { PlanPreview, PreviewAction, PreviewRow, SyncRequest } from '../../../../app/api/types';
import { call, CallError } from '../../bridge/ferry-client';
import { compactDate, exactDate, formatBytes, visibleName } from '../../format';
import { ACTION_LABELS, ACTIONS, REASONS } from './compare-text';
import type { ConflictChoice } from './conflict-choices';

interface Props {
  preview: PlanPreview;
  /** The sync the preview is of: "show all" asks for more of its rows. */
  sync: SyncRequest;
  leftName: string;
  rightName: string;
  /** Paging waits for the compare to finish, so the counts it pages through are final. */
  done: boolean;
  /** Two-way conflicts the user resolved in the rows: their direction shows here. */
  choices?: Record<string, ConflictChoice>;
}

const PAGE = 200;

function Side({ entry }: { entry: PreviewRow['left'] }) {
  if (!entry) return <span className="muted">—</span>;
  const iso = entry.mtime !== undefined ? new Date(entry.mtime).toISOString() : undefined;
  return (
    <span title={iso ? exactDate(iso) : undefined}>
      {formatBytes(entry.size)}
      {iso && <span className="muted"> · {compactDate(iso)}</span>}
    </span>
  );
}

export function SyncPreview({ preview, sync, leftName, rightName, done, choices = {} }: Props) {
  const first = ACTIONS.find((a) => preview.counts[a].count > 0) ?? 'upload';
  const [chosen, setChosen] = useState<PreviewAction | null>(null);
  const action = chosen ?? first;
  // Rows paged in past the first ones, for one plan and action: another plan or action starts again from its first rows.
  const tag = `${JSON.stringify(sync)}\n${action}`;
  const [paged, setPaged] = useState<{ tag: string; rows: PreviewRow[]; loading: boolean; error?: string } | null>(null);
  const more = paged?.tag === tag ? paged : null;
  const baseId = useId();

  const count = preview.counts[action].count;
  const rows = more ? [...preview.first[action], ...more.rows] : preview.first[action];
  const left = count - rows.length;

  const page = async () => {
    const after = rows[rows.length - 1]?.key;
    const had = more?.rows ?? [];
    setPaged({ tag, rows: had, loading: true });
    try {
      const got = await call('sync.previewPage', { sync, action, ...(after !== undefined ? { after } : {}), limit: PAGE });
      setPaged((m) => (m?.tag === tag ? { tag, rows: [...had, ...got.rows], loading: false } : m));
    } catch (err) {
      const message = err instanceof CallError ? err.data.message : String(err);
      setPaged((m) => (m?.tag === tag ? { tag, rows: had, loading: false, error: message } : m));
    }
  };

  const resolution = (r: PreviewRow) => (r.action === 'conflict' && Object.hasOwn(choices, r.key) ? choices[r.key] : undefined);
  // A resolved conflict says what was kept, short enough for the column; the tooltip says where it goes.
  const toward = (r: PreviewRow) => {
    const choice = resolution(r);
    if (choice === 'left') return { text: `Keep ${leftName}`, title: `${leftName}'s copy goes to ${rightName} (your choice)` };
    if (choice === 'right') return { text: `Keep ${rightName}`, title: `${rightName}'s copy goes to ${leftName} (your choice)` };
    if (choice === 'skip') return { text: 'Skip', title: 'Left as it is on both sides (your choice)' };
    return { text: r.toward === 'right' ? `→ ${rightName}` : r.toward === 'left' ? `← ${leftName}` : '—', title: undefined };
  };
  return (
    <section className="sync-preview" aria-label="What the sync will do">
      <div role="tablist" aria-label="Actions" className="sync-preview-tabs">
        {ACTIONS.map((a) => (
          <button
            type="button"
            role="tab"
            key={a}
            id={`${baseId}-${a}`}
            aria-selected={a === action}
            aria-controls={`${baseId}-panel`}
            className={`sync-preview-tab act-${a}`}
            onClick={() => setChosen(a)}
          >
            <span>{ACTION_LABELS[a]}</span>
            <strong>{preview.counts[a].count.toLocaleString('en-US')}</strong>
            <span className="muted">{formatBytes(preview.counts[a].bytes)}</span>
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${baseId}-panel`} aria-labelledby={`${baseId}-${action}`} className="sync-preview-panel">
        {rows.length === 0 ? (
          <p className="muted">{done ? `Nothing to ${ACTION_LABELS[action].toLowerCase()}.` : 'None so far.'}</p>
        ) : (
          <div className="compare-table-wrap sync-preview-wrap">
            <table className="compare-table sync-preview-table" aria-label={`${ACTION_LABELS[action]} rows`}>
              <thead>
                <tr>
                  <th scope="col">Key</th>
                  <th scope="col">Direction</th>
                  <th scope="col">{leftName}</th>
                  <th scope="col">{rightName}</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key}>
                    <td className="compare-key" title={visibleName(r.key)}>
                      {visibleName(r.key)}
                    </td>
                    <td title={toward(r).title}>{toward(r).text}</td>
                    <td>
                      <Side entry={r.left} />
                    </td>
                    <td>
                      <Side entry={r.right} />
                    </td>
                    <td className="muted" title={REASONS[r.reason]}>
                      {REASONS[r.reason]}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="muted sync-preview-more">
          {rows.length > 0 && `Showing ${rows.length.toLocaleString('en-US')} of ${count.toLocaleString('en-US')}.`}{' '}
          {left > 0 && done && (
            <button type="button" className="link" disabled={more?.loading === true} onClick={() => void page()}>
              {more ? `Show ${Math.min(PAGE, left).toLocaleString('en-US')} more` : `Show all ${count.toLocaleString('en-US')}`}
            </button>
          )}
          {more?.loading && ' Loading…'}
        </p>
        {more?.error && (
          <p role="alert" className="inline-error">
            {more.error}
          </p>
        )}
      </div>
    </section>
  );
}
