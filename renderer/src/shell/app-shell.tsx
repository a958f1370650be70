import { useEffect, useState } from 'react';
import { BrowseScreen } from '../browse/browse-screen.tsx';
import { useBrowseState } from '../state/browse-state.ts';
import { ConnectionsScreen } from '../connections/connections-screen.tsx';
import { useFerryQuery } from '../query/ferry-query.ts';
import { useFerryEvents } from '../query/use-ferry-events.ts';
import { useRefreshKeys } from '../query/use-refresh.ts';
import { KeychainBanner } from './keychain-banner.tsx';
import type { ScreenId } from '../state/navigation.ts';
import { TopBar } from './top-bar.tsx';

/** The frame every screen lives in: top bar, app-wide banners, and the current screen. */
export function AppShell() {
  useFerryEvents();
  useRefreshKeys();
  const info = useFerryQuery('app.info', {});
  const connections = useFerryQuery('connections.list', {});
  const [chosen, setChosen] = useState<ScreenId | null>(null);
  // The panes' state lives here, so switching to Connections and back keeps what each pane showed.
  const browse = useBrowseState(connections.data ?? []);

  // Until the admin picks a screen: Browse once there is something to browse, else Connections.
  const [initial, setInitial] = useState<ScreenId | null>(null);
  useEffect(() => {
    if (initial === null && connections.isSuccess) setInitial(connections.data.length > 0 ? 'browse' : 'connections');
  }, [initial, connections.isSuccess, connections.data]);
  const screen: ScreenId = chosen ?? initial ?? 'connections';

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <TopBar current={screen} onNavigate={setChosen} />
      <KeychainBanner />
      <main id="main" tabIndex={-1} className={screen === 'browse' ? 'app__main app__main--fixed' : 'app__main'}>
        {info.isError && info.error.code === 'unauthorized' ? (
          <SignInNeeded message={info.error.message} />
        ) : screen === 'browse' ? (
          <BrowseScreen state={browse} onNavigate={setChosen} />
        ) : (
          <ConnectionsScreen onDemoStarted={() => setChosen('browse')} />
        )}
      </main>
    </div>
  );
}

/** Browser mode without the session cookie: every call would fail the same way, so say it once. */
function SignInNeeded({ message }: { message: string }) {
  return (
    <div className="pane-message pane-message--error sign-in" role="alert">
      <h1 className="pane-header__title">This tab is not connected to Ferry</h1>
      <p>{message}</p>
    </div>
  );
}
