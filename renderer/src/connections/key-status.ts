import type { ConnectionView } from '../../../shared/connection.ts';

export type Tone = 'ok' | 'info' | 'warn' | 'danger';

/** A key's status in the words the list shows, and how worried the admin should be. */
export function describeKeyStatus(view: Pick<ConnectionView, 'keyStatus' | 'envVariable'>): {
  text: string;
  tone: Tone;
} {
  const variable = `$${view.envVariable ?? '?'}`;
  switch (view.keyStatus) {
    case 'stored':
      return { text: 'In keychain', tone: 'ok' };
    case 'session':
      return { text: 'Session only', tone: 'warn' };
    case 'missing':
      return { text: 'Key missing — enter it again', tone: 'danger' };
    case 'env-set':
      return { text: `From ${variable}`, tone: 'ok' };
    case 'env-unset':
      return { text: `${variable} not set`, tone: 'danger' };
    case 'none':
      return { text: 'Folder, no key', tone: 'info' };
  }
}
