/**
 * The panes, 1 to 6, side by side and wrapping into two rows when each would
 * be too narrow, with a "New pane" button. The workspace model (see
 * workspace-model.ts) is saved to the user-data folder shortly after every
 * change, so the next start finds the same panes, places, columns and sort.
 */
import { useCallback, useEffect, useLayoutEffect, useReducer, useRef, useState, type CSSProperties } from 'react';
import { useOpenRequests } from './open-requests';
import type { AppInfo, ConflictPolicy, ConnectionSummary, ItemRef, Location } from '../../../app/api/types';
import type { WorkspaceState } from '../../../app/api/workspace-types';
import { call } from '../bridge/ferry-client';
import { usePaneClipboard } from '../workspace/use-pane-clipboard';
import { useWorkspaceKeys } from '../workspace/use-workspace-keys';
import { changeLayout, seedLayout, useWindowLayout } from '../workspace/window-layout';
import { initialWorkspace, MAX_PANES, savedForm, workspaceReducer } from '../workspace/workspace-model';
import { CompareButton } from './compare/CompareButton';
import { Pane } from './Pane';
import { Sidebar } from './Sidebar';
import { SidebarResizer } from './SidebarResizer';

interface Props {
  info: AppInfo;
  saved: WorkspaceState | null;
  connections: ConnectionSummary[];
  conflict: ConflictPolicy;
  showHiddenFiles: boolean;
  onSelectItem(item: ItemRef | null): void;
  onSelectionChange?(items: ItemRef[]): void;
  onOpenSettings?(): void;
}

/** Narrower than this, panes wrap into a second row. */
const MIN_PANE_PX = 300;
const SAVE_DELAY_MS = 300;
const WIDE_ENOUGH_FOR_PLACES = '(min-width: 1200px)';

export function Workspace({ info, saved, connections, conflict, showHiddenFiles, onSelectItem, onSelectionChange, onOpenSettings }: Props) {
  const home = { kind: 'local' as const, path: info.homeDir };
  const [model, dispatch] = useReducer(workspaceReducer, saved, (s) => {
    seedLayout(s?.layout);
    return initialWorkspace(s, home);
  });
  const layout = useWindowLayout();
  const [width, setWidth] = useState(0);
  const [pasteError, setPasteError] = useState<string | null>(null);
  // Places start as they were left, or, the first time, open where there is room for them beside two panes.
  const placesOpen = layout.placesOpen ?? window.matchMedia(WIDE_ENOUGH_FOR_PLACES).matches;
  const setPlacesOpen = (open: boolean) => changeLayout({ placesOpen: open });
  // Crossing the width opens or folds them again; in between, the Places button decides.
  useEffect(() => {
    const query = window.matchMedia(WIDE_ENOUGH_FOR_PLACES);
    const follow = (e: MediaQueryListEvent) => changeLayout({ placesOpen: e.matches });
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, []);
  const panesRef = useRef<HTMLDivElement>(null);
  const clipboard = usePaneClipboard(conflict, setPasteError);

  const state: WorkspaceState = { ...savedForm(model), layout };
  const serialised = JSON.stringify(state);
  useEffect(() => {
    const timer = setTimeout(() => void call('workspace.save', { workspace: JSON.parse(serialised) as WorkspaceState }), SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [serialised]);

  useLayoutEffect(() => {
    const el = panesRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    setWidth(el.clientWidth);
    return () => observer.disconnect();
  }, []);

  const count = model.panes.length;
  const localLabel = info.shell === 'serve' ? 'Files on the Ferry server' : 'Local files';
  const columns = count > 1 && width > 0 && width / count < MIN_PANE_PX ? Math.ceil(count / 2) : count;

  const activeLocation = model.panes[model.active]?.state.location ?? home;
  const newPane = useCallback(() => dispatch({ type: 'add', location: activeLocation }), [activeLocation]);
  const closePane = useCallback(() => dispatch({ type: 'close', index: model.active }), [model.active]);
  useWorkspaceKeys({ active: model.active, newPane, closePane, ...(onOpenSettings ? { openSettings: onOpenSettings } : {}) });
  const openLocations = useCallback(
    (locations: Location[]) =>
      locations.slice(0, count).forEach((location, i) => dispatch({ type: 'navigate', index: (model.active + i) % count, location })),
    [count, model.active],
  );
  useOpenRequests(openLocations);

  return (
    <div className="workspace-panes">
      <div className="pane-strip">
        <button type="button" aria-expanded={placesOpen} aria-controls="places" onClick={() => setPlacesOpen(!placesOpen)}>
          Places
        </button>
        <button type="button" onClick={newPane} disabled={count >= MAX_PANES} title="New pane (Ctrl+T)">
          New pane
        </button>
        <CompareButton
          left={model.panes[model.active]?.state.location ?? null}
          right={count > 1 ? (model.panes[(model.active + 1) % count]?.state.location ?? null) : null}
          leftName={`Pane ${model.active + 1}`}
          rightName={`Pane ${((model.active + 1) % count) + 1}`}
          connections={connections}
        />
        <span className="muted">{count >= MAX_PANES ? `${MAX_PANES} panes: the most a window holds.` : ''}</span>
        {pasteError && (
          <p role="alert" className="inline-error">
            {pasteError}
          </p>
        )}
      </div>
      <div className="workspace-body">
        {placesOpen && (
          <div id="places" className="sidebar-column" style={{ width: layout.placesWidth }}>
            <Sidebar
              localLabel={localLabel}
              homeDir={info.homeDir}
              connections={connections}
              activeLocation={activeLocation}
              onOpen={(location) => dispatch({ type: 'navigate', index: model.active, location })}
            />
          </div>
        )}
        {placesOpen && <SidebarResizer width={layout.placesWidth} onWidth={(w) => changeLayout({ placesWidth: w })} />}
        <div ref={panesRef} className={`panes${columns < count ? ' two-rows' : ''}`} style={{ '--pane-cols': columns } as CSSProperties}>
          {model.panes.map((pane, i) => (
            <Pane
              key={pane.key}
              name={`Pane ${i + 1}`}
              index={i}
              paneCount={count}
              model={pane}
              dispatch={dispatch}
              homeDir={info.homeDir}
              localLabel={localLabel}
              connections={connections}
              conflict={conflict}
              showHiddenFiles={showHiddenFiles}
              clipboard={clipboard}
              others={model.panes.flatMap((p, j) => (j === i ? [] : [{ name: `Pane ${j + 1}`, location: p.state.location }]))}
              onSelectItem={onSelectItem}
              {...(onSelectionChange ? { onSelectionChange } : {})}
            />
          ))}
        </div>
      </div>
    </div>
  );
}
