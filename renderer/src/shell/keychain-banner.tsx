import { useState } from 'react';
import { useFerryQuery } from '../query/ferry-query.ts';

const DISMISSED = 'ferry.banner.keychain.dismissed';

/**
 * Without a keychain, keys typed now are gone when Ferry quits. That changes what the admin should do
 * (use an environment variable, or expect to re-enter keys), so it is a banner, not a footnote. Once read it
 * can be dismissed (remembered), because at 1280×800 every line of chrome is a line of list lost; the
 * connection editor still says where keys are kept.
 */
export function KeychainBanner() {
  const info = useFerryQuery('app.info', {});
  const [dismissed, setDismissed] = useState(() => globalThis.localStorage?.getItem(DISMISSED) === '1');
  const keychain = info.data?.keychain;
  if (!keychain || keychain.available || dismissed) return null;
  return (
    <section className="banner banner--warn" aria-labelledby="keychain-banner-title">
      <p className="banner__title" id="keychain-banner-title">
        No OS keychain: keys you enter now are kept for this session only.
      </p>
      <p className="banner__text">{keychain.message}</p>
      <button
        type="button"
        className="button button--small banner__dismiss"
        onClick={() => {
          globalThis.localStorage?.setItem(DISMISSED, '1');
          setDismissed(true);
          // The button goes with the banner: focus moves on to the screen, not down to <body>.
          document.getElementById('main')?.focus();
        }}
      >
        Dismiss
      </button>
    </section>
  );
}
