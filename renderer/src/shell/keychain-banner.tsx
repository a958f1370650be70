import { useFerryQuery } from '../query/ferry-query.ts';

/**
 * Without a keychain, keys typed now are gone when Ferry quits. That changes what the admin should do
 * (use an environment variable, or expect to re-enter keys), so it is a banner, not a footnote.
 */
export function KeychainBanner() {
  const info = useFerryQuery('app.info', {});
  const keychain = info.data?.keychain;
  if (!keychain || keychain.available) return null;
  return (
    <section className="banner banner--warn" aria-labelledby="keychain-banner-title">
      <p className="banner__title" id="keychain-banner-title">
        No OS keychain: keys you enter now are kept for this session only.
      </p>
      <p className="banner__text">{keychain.message}</p>
    </section>
  );
}
