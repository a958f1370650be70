import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  bundlePathFor,
  CONTENT_SECURITY_POLICY,
  isAppUrl,
  isExternalWebUrl,
  isTrustedSender,
} from '../../../../electron/desktop/security.ts';

describe('isAppUrl', () => {
  it('accepts only the app origin', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://ferry/assets/index-abc.js')).toBe(true);
    for (const url of [
      'app://evil/index.html',
      'file:///work/out/renderer/index.html',
      'https://ferry/',
      'about:blank',
      '',
      'not a url',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});

describe('isTrustedSender', () => {
  const top = { url: APP_ENTRY_URL, parent: null };
  it('trusts the top frame of our own window showing the app', () => {
    expect(isTrustedSender(top, true)).toBe(true);
  });
  it('refuses frames that are not our window, iframes, foreign pages and missing frames', () => {
    expect(isTrustedSender(top, false)).toBe(false);
    expect(isTrustedSender({ url: APP_ENTRY_URL, parent: {} }, true)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null }, true)).toBe(false);
    expect(isTrustedSender({ url: 'file:///etc/passwd', parent: null }, true)).toBe(false);
    expect(isTrustedSender(null, true)).toBe(false);
    expect(isTrustedSender(undefined, true)).toBe(false);
  });
});

describe('isExternalWebUrl', () => {
  it('lets only http(s) links out to the OS browser', () => {
    expect(isExternalWebUrl('https://platform.openai.com/docs')).toBe(true);
    expect(isExternalWebUrl('http://localhost:8080/')).toBe(true);
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'smb://host/share',
      'app://ferry/',
      'data:text/html,hi',
      'nonsense',
    ]) {
      expect(isExternalWebUrl(url), url).toBe(false);
    }
  });
});

describe('bundlePathFor', () => {
  it('maps app URLs to paths inside the bundle', () => {
    expect(bundlePathFor('app://ferry/')).toBe('index.html');
    expect(bundlePathFor('app://ferry/index.html?x=1#y')).toBe('index.html');
    expect(bundlePathFor('app://ferry/assets/index-abc.js')).toBe('assets/index-abc.js');
    expect(bundlePathFor('app://ferry/assets/a%20b.css')).toBe('assets/a b.css');
  });
  it('keeps dot segments inside the bundle (the URL parser resolves them before we see the path)', () => {
    expect(bundlePathFor('app://ferry/%2e%2e/%2e%2e/package.json')).toBe('package.json');
    expect(bundlePathFor('app://ferry/assets/../../index.html')).toBe('index.html');
  });
  it('refuses other hosts, traversal, backslashes, NULs and broken escapes', () => {
    for (const url of [
      'app://other/index.html',
      'https://ferry/index.html',
      'app://ferry/..%2fpackage.json',
      'app://ferry/a%5c..%5cb',
      'app://ferry/a%00.js',
      'app://ferry/%E0%A4%A',
    ]) {
      expect(bundlePathFor(url), url).toBeNull();
    }
  });
});

describe('headers', () => {
  it('sends a default-src self CSP', () => {
    expect(CONTENT_SECURITY_POLICY).toMatch(/^default-src 'self'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
  });
});
