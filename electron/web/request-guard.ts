import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/**
 * Browser mode's gatekeeper. The core behind it holds API keys, so a request must come from this machine
 * (loopback peer), be addressed to this host by name (a foreign Host header means DNS rebinding), come from
 * this origin if it says where it comes from (a foreign Origin means another site's page), and carry the
 * per-launch token (as the session cookie or an Authorization bearer).
 */
export interface GuardConfig {
  port: number;
  token: string;
}

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403 | 421; reason: string };

export function sessionCookieName(port: number): string {
  // Cookies are shared across ports of one host, so the name carries the port: two Ferry instances on
  // 127.0.0.1 must not overwrite each other's session.
  return `ferry_session_${port}`;
}

export function allowedOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`];
}

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(plain) === 4) return plain.startsWith('127.');
  return plain === '::1';
}

export function checkOrigin(request: IncomingMessage, config: GuardConfig): GuardVerdict {
  if (!isLoopbackAddress(request.socket.remoteAddress)) {
    return { ok: false, status: 403, reason: 'Browser mode only answers requests from this machine.' };
  }
  const host = request.headers.host;
  if (!host || !allowedOrigins(config.port).includes(`http://${host}`)) {
    return { ok: false, status: 421, reason: `Host "${host ?? ''}" is not this Ferry instance.` };
  }
  const origin = request.headers.origin;
  if (origin !== undefined && !allowedOrigins(config.port).includes(origin)) {
    return { ok: false, status: 403, reason: `Requests from ${origin} are refused.` };
  }
  return { ok: true };
}

export function presentedToken(request: IncomingMessage, port: number): string | undefined {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ')) return authorization.slice(7).trim();
  return readCookie(request.headers.cookie, sessionCookieName(port));
}

export function tokenMatches(candidate: string | undefined | null, token: string): boolean {
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
