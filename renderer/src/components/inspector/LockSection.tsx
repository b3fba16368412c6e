/**
 * Object lock: retention and legal hold, changed where the user may. Every
 * change goes through the diff dialog; shortening governance retention needs
 * the bypass, a separate box the user ticks, never a default.
 */
import { useState } from 'react';
import type { LockSection as Lock, ObjectInspection, RetentionMode } from '../../../../app/api/inspect-types';
import { formatDate } from '../../format';
import { DiffDialog, type Change } from './DiffDialog';
import { KeyValueTable, SectionBody, SectionFrame } from './SectionFrame';
import { useSetLock } from './use-lock';

type Pending = { legalHold?: boolean; retention?: { mode: RetentionMode; until: string } | null; bypassGovernance: boolean };

/** `<input type="datetime-local">` speaks local time without a zone. */
function toLocalInput(iso: string | undefined): string {
  const d = iso ? new Date(iso) : new Date(Date.now() + 24 * 3600 * 1000);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function retentionText(r: Lock['retention'] | null | undefined): string | undefined {
  return r ? `${r.mode} until ${formatDate(r.until)}` : undefined;
}

function RetentionForm({ lock, onReview, onCancel }: { lock: Lock; onReview: (p: Pending) => void; onCancel: () => void }) {
  const [mode, setMode] = useState<RetentionMode>(lock.retention?.mode ?? 'GOVERNANCE');
  const [until, setUntil] = useState(toLocalInput(lock.retention?.until));
  const [bypass, setBypass] = useState(false);
  return (
    <form
      className="tag-form"
      aria-label="Retention"
      onSubmit={(e) => {
        e.preventDefault();
        onReview({ retention: { mode, until: new Date(until).toISOString() }, bypassGovernance: bypass });
      }}
    >
      <label>
        Mode
        <select value={mode} onChange={(e) => setMode(e.target.value as RetentionMode)}>
          <option value="GOVERNANCE">Governance</option>
          <option value="COMPLIANCE">Compliance (cannot be shortened by anyone)</option>
        </select>
      </label>
      <label>
        Retain until
        <input type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} required />
      </label>
      {lock.retention?.mode === 'GOVERNANCE' && (
        <label className="checkbox">
          <input type="checkbox" checked={bypass} onChange={(e) => setBypass(e.target.checked)} />
          Bypass governance retention (needed to shorten it)
        </label>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary">
          Review retention
        </button>
      </div>
    </form>
  );
}

export function LockSection({ data }: { data: ObjectInspection }) {
  const [editing, setEditing] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);
  const setLock = useSetLock();
  const lock = data.lock.state === 'ok' ? data.lock.value : null;

  const changes: Change[] = [];
  if (lock && pending?.legalHold !== undefined) {
    changes.push({ field: 'Legal hold', before: lock.legalHold ? 'On' : 'Off', after: pending.legalHold ? 'On' : 'Off' });
  }
  if (lock && pending?.retention !== undefined) {
    changes.push({ field: 'Retention', before: retentionText(lock.retention), after: retentionText(pending.retention) });
  }
  const review = (p: Pending) => {
    setLock.reset();
    setPending(p);
  };

  return (
    <SectionFrame
      title="Object lock"
      actions={
        lock && (
          <span className="section-actions">
            <button type="button" className="small" onClick={() => review({ legalHold: !lock.legalHold, bypassGovernance: false })}>
              {lock.legalHold ? 'Release legal hold' : 'Place legal hold'}
            </button>
            {!editing && (
              <button type="button" className="small" onClick={() => setEditing(true)}>
                Change retention
              </button>
            )}
          </span>
        )
      }
    >
      <SectionBody
        section={data.lock}
        render={(l) => (
          <KeyValueTable
            caption="Object lock"
            rows={[
              ['Retention', retentionText(l.retention) ?? 'None'],
              ['Legal hold', l.legalHold ? 'On' : 'Off'],
              ...(l.bucketDefault
                ? [
                    [
                      'Bucket default',
                      `${l.bucketDefault.mode}, ${l.bucketDefault.days ? `${l.bucketDefault.days} days` : `${l.bucketDefault.years ?? 0} years`}`,
                    ] as [string, string],
                  ]
                : []),
            ]}
          />
        )}
      />
      {lock && editing && <RetentionForm lock={lock} onReview={review} onCancel={() => setEditing(false)} />}
      {pending && (
        <DiffDialog
          title="Review object lock changes"
          changes={changes}
          notes={[
            ...(pending.bypassGovernance ? ['Governance retention is bypassed for this change, as you chose.'] : []),
            'Object lock applies to the current version only.',
          ]}
          pending={setLock.isPending}
          error={setLock.error}
          onApply={() =>
            setLock.mutate(
              {
                item: data.item,
                bypassGovernance: pending.bypassGovernance,
                ...(pending.legalHold !== undefined ? { legalHold: pending.legalHold } : {}),
                ...(pending.retention !== undefined ? { retention: pending.retention } : {}),
              },
              {
                onSuccess: () => {
                  setPending(null);
                  setEditing(false);
                },
              },
            )
          }
          onClose={() => setPending(null)}
        />
      )}
    </SectionFrame>
  );
}
