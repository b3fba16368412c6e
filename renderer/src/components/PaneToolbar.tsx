/** A pane's own buttons: where it looks (local files or a connection), history, up, refresh, its place among the panes, close. */
import type { ReactNode } from 'react';
import type { ConnectionSummary, Location } from '../../../app/api/types';

export const LOCAL = 'local';

interface Props {
  name: string;
  location: Location;
  localLabel: string;
  connections: readonly ConnectionSummary[];
  canBack: boolean;
  canForward: boolean;
  refreshing: boolean;
  index: number;
  paneCount: number;
  onPickSource(value: string): void;
  onBack(): void;
  onForward(): void;
  onUp(): void;
  onRefresh(): void;
  onMove(by: -1 | 1): void;
  onClose(): void;
  children?: ReactNode;
  /** The address bar, beside the history buttons as in a web browser. */
  address: ReactNode;
}

export function PaneToolbar(props: Props) {
  const { name, location, connections, index, paneCount } = props;
  const sourceValue = location.kind === 'local' ? LOCAL : location.connectionId;
  return (
    <header className="pane-header">
      <div className="pane-header-row">
        <select aria-label={`Location of ${name}`} value={sourceValue} onChange={(e) => props.onPickSource(e.target.value)}>
          <option value={LOCAL}>{props.localLabel}</option>
          {connections.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
        {props.children}
        {paneCount > 1 && (
          <>
            <button
              type="button"
              className="icon-button"
              aria-label={`Move ${name} left`}
              title="Move this pane left"
              disabled={index === 0}
              onClick={() => props.onMove(-1)}
            >
              ◂
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={`Move ${name} right`}
              title="Move this pane right"
              disabled={index === paneCount - 1}
              onClick={() => props.onMove(1)}
            >
              ▸
            </button>
            <button type="button" className="icon-button" aria-label={`Close ${name}`} title="Close pane (Ctrl+W)" onClick={props.onClose}>
              ✕
            </button>
          </>
        )}
      </div>
      <div className="pane-header-row">
        <button
          type="button"
          className="icon-button"
          aria-label="Back"
          title="Back (Alt+←)"
          disabled={!props.canBack}
          onClick={props.onBack}
        >
          ←
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Forward"
          title="Forward (Alt+→)"
          disabled={!props.canForward}
          onClick={props.onForward}
        >
          →
        </button>
        <button
          type="button"
          aria-label={`Up one level in ${name}`}
          title="Up one level (Backspace)"
          className="icon-button"
          onClick={props.onUp}
        >
          ↑
        </button>
        <button
          type="button"
          aria-label={`Refresh ${name}`}
          title="Refresh (F5)"
          onClick={props.onRefresh}
          disabled={props.refreshing}
          className="icon-button"
        >
          ⟳
        </button>
        {props.address}
      </div>
    </header>
  );
}
