import { useState } from 'react';
import { ConnectionsScreen } from '../connections/connections-screen.tsx';
import { useFerryQuery } from '../query/ferry-query.ts';
import { useFerryEvents } from '../query/use-ferry-events.ts';
import { KeychainBanner } from './keychain-banner.tsx';
import type { ScreenId } from './navigation.ts';
import { TopBar } from './top-bar.tsx';

/** The frame every screen lives in: top bar, app-wide banners, and the current screen. */
export function AppShell() {
  useFerryEvents();
  const [screen, setScreen] = useState<ScreenId>('connections');
  const info = useFerryQuery('app.info', {});

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <TopBar current={screen} onNavigate={setScreen} />
      <KeychainBanner />
      <main id="main" className="app__main">
        {info.isError && info.error.code === 'unauthorized' ? <SignInNeeded message={info.error.message} /> : <ConnectionsScreen />}
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
