/**
 * Below 1100 px a fixed inspector column left too little for the panes (two
 * panes of 330 px at 900, four of them cramped), so there it becomes a
 * drawer: closed by default, opened from the toolbar's Inspector button, laid
 * over the right-hand side of the panes, closed again with its × or Escape.
 * Wider windows keep it as a column, and none of this shows.
 */
import { useEffect, useState, type ReactNode } from 'react';
import './inspector-drawer.css';

const NARROW = '(max-width: 1100px)';

export function useNarrowWindow(): boolean {
  const [narrow, setNarrow] = useState(() => window.matchMedia(NARROW).matches);
  useEffect(() => {
    const query = window.matchMedia(NARROW);
    const changed = () => setNarrow(query.matches);
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, []);
  return narrow;
}

const DRAWER_ID = 'inspector-drawer';

export function InspectorToggle({ open, onToggle }: { open: boolean; onToggle(): void }) {
  return (
    <button type="button" aria-expanded={open} aria-controls={DRAWER_ID} onClick={onToggle} title="Show or hide the inspector">
      Inspector
    </button>
  );
}

interface Props {
  narrow: boolean;
  open: boolean;
  onClose(): void;
  children: ReactNode;
}

export function InspectorDrawer({ narrow, open, onClose, children }: Props) {
  return (
    <div
      id={DRAWER_ID}
      className={`inspector-drawer${narrow ? ' narrow' : ''}${open ? ' open' : ''}`}
      hidden={narrow && !open}
      onKeyDown={(e) => {
        if (narrow && e.key === 'Escape') onClose();
      }}
    >
      {narrow && (
        <button type="button" className="icon-button inspector-drawer-close" aria-label="Close the inspector" onClick={onClose}>
          ×
        </button>
      )}
      {children}
    </div>
  );
}
