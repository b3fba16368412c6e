/**
 * "Compare with the other pane": a dialog that compares the two panes'
 * folders as the core streams the result, shows counts and bytes per class
 * (each a filter toggle), the rows, what a sync in the chosen direction would
 * do (and how it treats conflicts) before it runs, and runs it from there.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { CompareClass, CompareOptions, Location } from '../../../../app/api/types';
import { formatBytes } from '../../format';
import { useCompare } from '../../hooks/use-compare';
import { CLASSES, className, where, type Direction } from './compare-text';
import { DirectionPicker } from './DirectionPicker';
import { LeftOut } from './LeftOut';
import { SyncPreview } from './SyncPreview';
import { CompareRows } from './CompareRows';
import { SyncControls } from './SyncControls';
import { conflicted, tallyChoices, type ConflictChoice, type ConflictChoices } from './conflict-choices';
import { ConflictBulk } from './ConflictBulk';
import './compare.css';

interface Props {
  open: boolean;
  left: Location;
  right: Location;
  leftName: string;
  rightName: string;
  connectionLabel(id: string): string;
  onClose(): void;
}

export function ComparePanel({ open, left, right, leftName, rightName, connectionLabel, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { state, start, stop } = useCompare();
  const [options, setOptions] = useState<CompareOptions>({});
  const [used, setUsed] = useState<CompareOptions>({});
  const [shown, setShown] = useState<Set<CompareClass>>(new Set(CLASSES));
  const [text, setText] = useState('');
  const [direction, setDirection] = useState<Direction>('a-b');
  const [withDelete, setWithDelete] = useState(false);
  const [choices, setChoices] = useState<ConflictChoices>({ compareId: null, byKey: {} });
  // The compare runs from the sync's source to its destination: B→A is A→B with the panes swapped.
  const swap = direction === 'b-a';
  const [src, dst, srcName, dstName] = swap ? [right, left, rightName, leftName] : [left, right, leftName, rightName];
  const mode = direction === 'both' ? 'newer' : 'mirror';

  const run = (d: Direction = direction) => {
    setUsed(options);
    void start(d === 'b-a' ? right : left, d === 'b-a' ? left : right, options, d === 'both' ? 'newer' : 'mirror');
  };

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      run();
    }
    if (!open && dialog.open) {
      stop();
      dialog.close();
    }
    // Starts once per opening; the options change only what "Compare again" uses.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const toggle = (cls: CompareClass) =>
    setShown((s) => {
      const next = new Set(s);
      if (next.has(cls)) next.delete(cls);
      else next.add(cls);
      return next;
    });

  // Choices made on an earlier compare's rows do not carry over: that compare's conflicts may be gone.
  const byKey = choices.compareId === state.compareId ? choices.byKey : {};
  const choose = (key: string, choice: ConflictChoice | undefined) => {
    // Built from entries, so a key such as `__proto__` is an own property like any other.
    const kept = Object.entries(byKey).filter(([k]) => k !== key);
    const next = Object.fromEntries(choice === undefined ? kept : [...kept, [key, choice]]) as Record<string, ConflictChoice>;
    setChoices({ compareId: state.compareId, byKey: next });
  };
  const resolved = tallyChoices(byKey, state.rows);
  const unresolved = mode === 'newer' ? state.rows.filter((r) => conflicted(r, mode) && !Object.hasOwn(byKey, r.key)) : [];
  const chooseAll = (choice: ConflictChoice) =>
    setChoices({
      compareId: state.compareId,
      byKey: Object.fromEntries([...Object.entries(byKey), ...unresolved.map((r) => [r.key, choice])]),
    });

  const counts = state.counts;
  const total = counts ? CLASSES.reduce((n, c) => n + counts[c].count, 0) : 0;
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className="dialog compare-dialog"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {open && (
        <div className="compare">
          {/* Close sits in the header: on a short window the foot of the dialog is the first thing to scroll away. */}
          <div className="compare-head">
            <h2 id={titleId}>Compare</h2>
            <button type="button" onClick={onClose}>
              Close
            </button>
          </div>
          <dl className="compare-sides">
            <dt>{leftName}</dt>
            <dd title={where(left, connectionLabel)}>{where(left, connectionLabel)}</dd>
            <dt>{rightName}</dt>
            <dd title={where(right, connectionLabel)}>{where(right, connectionLabel)}</dd>
          </dl>
          <div className="compare-options">
            <label className="check">
              <input type="checkbox" checked={options.deep === true} onChange={(e) => setOptions({ ...options, deep: e.target.checked })} />
              Deep compare (read the content where ETags cannot tell)
            </label>
            <label className="check">
              <input
                type="checkbox"
                checked={options.mtime === true}
                onChange={(e) => setOptions({ ...options, mtime: e.target.checked })}
              />
              Compare modification times
            </label>
            <button type="button" onClick={() => run()} disabled={!state.done}>
              Compare again
            </button>
          </div>
          <DirectionPicker
            direction={direction}
            leftName={leftName}
            rightName={rightName}
            onChange={(d) => {
              setDirection(d);
              setWithDelete(false);
              run(d);
            }}
          />
          <p role="status" className="muted">
            {state.error
              ? ''
              : state.done
                ? `Compared ${total.toLocaleString('en-US')} keys.`
                : `Comparing… ${total.toLocaleString('en-US')} keys so far.`}
          </p>
          {state.error && (
            <p role="alert" className="inline-error">
              {state.error}
            </p>
          )}
          {state.leftOut && <LeftOut leftOut={state.leftOut} />}
          <div className="compare-counts" role="group" aria-label="Show results">
            {CLASSES.map((cls) => (
              <button
                type="button"
                key={cls}
                aria-pressed={shown.has(cls)}
                className={`compare-count cls-${cls}`}
                onClick={() => toggle(cls)}
              >
                <span>{className(cls, srcName, dstName)}</span>
                <strong>{(counts?.[cls].count ?? 0).toLocaleString('en-US')}</strong>
                <span className="muted">{formatBytes(counts?.[cls].bytes ?? 0)}</span>
              </button>
            ))}
          </div>
          <label className="compare-filter">
            Filter keys
            <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="part of a key" />
          </label>
          <CompareRows
            // Siblings need keys of their own: a key shared with the preview or the controls leaves stale copies behind.
            key={`rows-${state.compareId ?? ''}`}
            rows={state.rows}
            shown={shown}
            text={text}
            leftName={srcName}
            rightName={dstName}
            left={src}
            right={dst}
            mode={mode}
            choices={byKey}
            onChoose={choose}
          />
          {state.previews && !state.error && (
            <SyncPreview
              key={`preview-${state.compareId ?? ''}`}
              preview={withDelete && mode === 'mirror' ? state.previews.delete : state.previews.keep}
              sync={{ left: src, right: dst, mode, delete: withDelete && mode === 'mirror', compare: used }}
              leftName={srcName}
              rightName={dstName}
              done={state.done}
              choices={byKey}
            />
          )}
          {state.done && !state.error && (
            <ConflictBulk unresolved={unresolved.length} leftName={srcName} rightName={dstName} onAll={chooseAll} />
          )}
          {state.counts && !state.error && (
            <SyncControls
              key={`controls-${state.compareId ?? ''}`}
              left={src}
              right={dst}
              leftName={srcName}
              rightName={dstName}
              mode={mode}
              compare={used}
              plans={state.done ? state.plans : undefined}
              withDelete={withDelete}
              onWithDelete={setWithDelete}
              resolved={mode === 'newer' ? resolved : undefined}
              onJobEnded={() => run()}
            />
          )}
        </div>
      )}
    </dialog>
  );
}
