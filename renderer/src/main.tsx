import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { listenForMenuCommands } from './bridge/menu-commands';
import { applyRememberedTheme } from './theme';
import './design.css';
import './styles.css';
import './styles-transfers.css';
import './workspace.css';

applyRememberedTheme();

const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false, staleTime: 30_000 } } });

listenForMenuCommands();

const root = document.getElementById('root');
if (!root) throw new Error('Ferry: #root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
