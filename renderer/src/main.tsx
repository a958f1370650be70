import './zod-setup.ts';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BridgeProvider, createBridge } from './bridge/index.ts';
import { createQueryClient } from './query/query-client.ts';
import { watchWindowFocus } from './query/use-refresh.ts';
import { AppShell } from './shell/app-shell.tsx';
import './styles/base.css';
import './styles/shell.css';
import './styles/forms.css';
import './styles/connections.css';
import './styles/dialog.css';
import './styles/browse.css';
import './styles/plan-jobs.css';
import './styles/manage.css';

watchWindowFocus();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <BridgeProvider bridge={createBridge()}>
      <QueryClientProvider client={createQueryClient()}>
        <AppShell />
      </QueryClientProvider>
    </BridgeProvider>
  </StrictMode>,
);
