/**
 * "Compare with the other pane": the active pane (left) against the pane after
 * it (right), and the compare dialog it opens for their folders.
 */
import { useState } from 'react';
import type { ConnectionSummary, Location } from '../../../../app/api/types';
import { comparable } from './compare-text';
import { ComparePanel } from './ComparePanel';

interface Props {
  left: Location | null;
  right: Location | null;
  leftName: string;
  rightName: string;
  connections: ConnectionSummary[];
}

export function CompareButton({ left, right, leftName, rightName, connections }: Props) {
  const [open, setOpen] = useState(false);
  const ready = comparable(left) && comparable(right);
  const label = (id: string) => connections.find((c) => c.id === id)?.label ?? 'Connection';
  return (
    <>
      <button
        type="button"
        disabled={!ready}
        title={ready ? undefined : 'Open a folder or a bucket in two panes first'}
        onClick={() => setOpen(true)}
      >
        Compare with the other pane
      </button>
      {ready && (
        <ComparePanel
          open={open}
          left={left}
          right={right}
          leftName={leftName}
          rightName={rightName}
          connectionLabel={label}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
