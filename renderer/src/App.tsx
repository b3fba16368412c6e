import { useEffect, useState } from 'react';
import type { ConflictPolicy, ItemRef } from '../../app/api/types';
import { ConflictPolicyPicker } from './components/ConflictPolicyPicker';
import { ConnectionDialog } from './components/ConnectionDialog';
import { ConnectionsManager } from './components/connections/ConnectionsManager';
import { SecretsPrompt } from './components/connections/SecretsPrompt';
import { FirstStart } from './components/FirstStart';
import { useAwsProfileWasUsed } from './components/connections/AwsProfileOffers';
import { Inspector } from './components/Inspector';
import { InspectorDrawer, InspectorToggle, useNarrowWindow } from './components/InspectorDrawer';
import { TransfersDock } from './components/TransfersDock';
import { TransfersPanel } from './components/transfers/TransfersPanel';
import { Workspace } from './components/Workspace';
import { SettingsDialog } from './components/SettingsDialog';
import { useAppInfo, useConnections } from './hooks/queries';
import { useSettings } from './hooks/use-settings';
import { useTransferEvents } from './hooks/use-transfer-events';

export function App() {
  useTransferEvents();
  const info = useAppInfo();
  const connections = useConnections();
  const profileUsed = useAwsProfileWasUsed('first-start');
  const { saved, settings, update: updateSettings } = useSettings();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [managerOpen, setManagerOpen] = useState(false);
  const [selected, setSelected] = useState<ItemRef | null>(null);
  const [selectedMany, setSelectedMany] = useState<ItemRef[]>([]);
  const [conflict, setConflict] = useState<ConflictPolicy>('ask');
  const narrow = useNarrowWindow();
  const [inspectorOpen, setInspectorOpen] = useState(false);
  // The picker starts from the saved default, and follows it when Settings change it.
  const [defaultConflict, setDefaultConflict] = useState<ConflictPolicy | null>(null);
  if (settings && settings.conflict !== defaultConflict) {
    setDefaultConflict(settings.conflict);
    setConflict(settings.conflict);
  }

  // The desktop menu's "Add Connection…" (renderer/src/bridge/menu-commands.ts announces it).
  useEffect(() => {
    const onMenu = (e: Event) => {
      if ((e as CustomEvent<string>).detail === 'add-connection') setDialogOpen(true);
    };
    window.addEventListener('ferry:menu', onMenu);
    return () => window.removeEventListener('ferry:menu', onMenu);
  }, []);

  return (
    <div className="app">
      <header className="toolbar">
        <h1>Ferry</h1>
        <button type="button" onClick={() => setDialogOpen(true)}>
          Add connection
        </button>
        <button type="button" onClick={() => setManagerOpen(true)}>
          Connections
        </button>
        {connections.data && (
          <span className="muted" aria-live="polite">
            {connections.data.length === 1 ? '1 connection' : `${connections.data.length} connections`}
          </span>
        )}
        <span className="toolbar-spacer" />
        {narrow && <InspectorToggle open={inspectorOpen} onToggle={() => setInspectorOpen(!inspectorOpen)} />}
        <button type="button" onClick={() => setSettingsOpen(true)} title="Settings (Ctrl+,)">
          Settings
        </button>
        <ConflictPolicyPicker value={conflict} onChange={setConflict} />
      </header>
      {info.isError && (
        <p role="alert" className="inline-error">
          Ferry's core did not answer. Reload to try again.
        </p>
      )}
      {/* Kept while a detected AWS profile is put to use from it, to say how that went. */}
      {info.data && (connections.data?.length === 0 || profileUsed) && (
        <FirstStart
          shell={info.data.shell}
          demo={info.data.demo ?? false}
          onAddConnection={() => setDialogOpen(true)}
          onImport={() => setManagerOpen(true)}
        />
      )}
      {info.data && (saved.data || saved.isError) && (
        <main className="workspace">
          <Workspace
            info={info.data}
            saved={saved.data?.workspace ?? null}
            connections={connections.data ?? []}
            conflict={conflict}
            showHiddenFiles={settings?.showHiddenFiles ?? false}
            onSelectItem={setSelected}
            onSelectionChange={setSelectedMany}
            onOpenSettings={() => setSettingsOpen(true)}
          />
          <InspectorDrawer narrow={narrow} open={inspectorOpen} onClose={() => setInspectorOpen(false)}>
            <Inspector item={selected} items={selectedMany} />
          </InspectorDrawer>
        </main>
      )}
      <TransfersDock>
        <TransfersPanel />
      </TransfersDock>
      <ConnectionDialog open={dialogOpen} onClose={() => setDialogOpen(false)} />
      <ConnectionsManager open={managerOpen} onClose={() => setManagerOpen(false)} />
      <SecretsPrompt />
      {settings && (
        <SettingsDialog open={settingsOpen} settings={settings} onClose={() => setSettingsOpen(false)} onSaved={updateSettings} />
      )}
    </div>
  );
}
