import { useState } from 'react';
import type { ConflictPolicy, ItemRef } from '../../app/api/types';
import { ConflictPolicyPicker } from './components/ConflictPolicyPicker';
import { ConnectionDialog } from './components/ConnectionDialog';
import { ConnectionsManager } from './components/connections/ConnectionsManager';
import { SecretsPrompt } from './components/connections/SecretsPrompt';
import { Inspector } from './components/Inspector';
import { Pane } from './components/Pane';
import { TransfersPanel } from './components/transfers/TransfersPanel';
import { useAppInfo, useConnections } from './hooks/queries';
import { useTransferEvents } from './hooks/use-transfer-events';

export function App() {
  useTransferEvents();
  const info = useAppInfo();
  const connections = useConnections();
  const [dialogOpen, setDialogOpen] = useState(false);
  const [managerOpen, setManagerOpen] = useState(false);
  const [selected, setSelected] = useState<ItemRef | null>(null);
  const [selectedMany, setSelectedMany] = useState<ItemRef[]>([]);
  const [conflict, setConflict] = useState<ConflictPolicy>('ask');

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
        <ConflictPolicyPicker value={conflict} onChange={setConflict} />
      </header>
      {info.isError && (
        <p role="alert" className="inline-error">
          Ferry's core did not answer. Reload to try again.
        </p>
      )}
      {info.data && (
        <main className="workspace">
          <div className="panes">
            {['Pane 1', 'Pane 2'].map((name) => (
              <Pane
                key={name}
                name={name}
                homeDir={info.data.homeDir}
                localLabel={info.data.shell === 'serve' ? 'Files on the Ferry server' : 'Local files'}
                connections={connections.data ?? []}
                conflict={conflict}
                onSelectItem={setSelected}
                onSelectionChange={setSelectedMany}
              />
            ))}
          </div>
          <Inspector item={selected} items={selectedMany} />
        </main>
      )}
      <TransfersPanel />
      <ConnectionDialog open={dialogOpen} onClose={() => setDialogOpen(false)} />
      <ConnectionsManager open={managerOpen} onClose={() => setManagerOpen(false)} />
      <SecretsPrompt />
    </div>
  );
}
