import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxControl } from './control.ts';
import type { FaultConfig, FaultInjection } from './faults.ts';
import { readJsonObject } from './http-io.ts';
import type { LinkConfig } from './link.ts';
import type { SeedInput } from './seed/apply.ts';
import { sendJson } from './server.ts';

export const controlPrefix = '/__sandbox';

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

function controlError(message: string) {
  return { error: { message, type: 'invalid_request_error', param: null, code: null } };
}

const done = { ok: true };

/** Dispatches one control call; undefined means no such control route. */
async function dispatch(
  control: SandboxControl,
  method: string,
  path: string,
  body: Record<string, unknown>,
  query: URLSearchParams,
): Promise<unknown> {
  const tenantParam = typeof body.tenant === 'string' ? body.tenant : (query.get('tenant') ?? undefined);
  const route = `${method} ${path}`;
  switch (route) {
    case 'GET /tenants':
      return { tenants: control.tenants() };
    case 'POST /seed':
      return { tenants: await control.seed(body.seed as SeedInput) };
    case 'POST /reset':
      return { tenants: await control.reset() };
    case 'POST /faults': {
      const { tenant: _tenant, ...config } = body;
      control.setFaults(config as FaultConfig, tenantParam);
      return done;
    }
    case 'DELETE /faults':
      control.clearFaults(tenantParam);
      return done;
    case 'POST /faults/inject':
      control.injectFault(body as unknown as FaultInjection);
      return done;
    case 'POST /faults/hold':
      control.holdRequests(String(tenantParam), Number(body.count));
      return done;
    case 'POST /rate-limit':
      control.setRateLimit(Number(body.rpm), tenantParam);
      return done;
    case 'POST /ingestion':
      control.setIngestionMs(Number(body.ms));
      return done;
    case 'POST /link': {
      const { tenant: _tenant, ...config } = body;
      control.setLink(config as LinkConfig, tenantParam);
      return done;
    }
    case 'DELETE /link':
      control.clearLink(tenantParam);
      return done;
    case 'GET /in-flight':
      return control.inFlight(tenantParam, query.get('route') ?? undefined);
    case 'GET /requests':
      return { counts: control.requestCounts(tenantParam) };
    case 'DELETE /requests':
      control.clearRequestCounts();
      return done;
  }
  const match =
    /^\/tenants\/([^/]+)\/(objects|assistants-retired|agents-served|ingest-failures|stuck|keys|refused-downloads)$/.exec(
      path,
    );
  if (!match) return undefined;
  const tenant = decodeURIComponent(match[1] ?? '');
  switch (`${method} ${match[2]}`) {
    case 'GET objects':
      return control.objects(tenant);
    case 'POST assistants-retired':
      control.setAssistantsRetired(tenant, body.retired !== false);
      return done;
    case 'POST ingest-failures':
      control.failIngestion(tenant, (body.filenames as string[] | undefined) ?? []);
      return done;
    case 'POST agents-served':
      control.setAgentsServed(tenant, body.served !== false);
      return done;
    case 'POST stuck':
      control.setStuck(
        tenant,
        {
          fileIds: (body.fileIds as string[] | undefined) ?? [],
          filenames: (body.filenames as string[] | undefined) ?? [],
        },
        body.stuck !== false,
      );
      return done;
    case 'POST refused-downloads':
      control.setRefusedDownloads(tenant, (body.purposes as string[] | undefined) ?? []);
      return done;
    case 'POST keys':
      return { key: control.addKey(tenant, (body.scopes as string[] | null | undefined) ?? null) };
  }
  return undefined;
}

/**
 * The control API over HTTP, for tests in another process (Playwright, the benchmark). It refuses any
 * caller not on loopback: it can read every tenant's objects and keys.
 */
export function controlHandler(control: SandboxControl) {
  return async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> => {
    if (!url.pathname.startsWith(`${controlPrefix}/`)) return false;
    if (!isLoopback(request.socket.remoteAddress)) {
      sendJson(response, 403, controlError('The sandbox control API answers loopback callers only.'), {});
      return true;
    }
    const method = request.method ?? 'GET';
    try {
      const body = method === 'GET' || method === 'DELETE' ? {} : await readJsonObject(request);
      const result = await dispatch(control, method, url.pathname.slice(controlPrefix.length), body, url.searchParams);
      if (result === undefined)
        sendJson(response, 404, controlError(`No control route ${method} ${url.pathname}.`), {});
      else sendJson(response, 200, result, {});
    } catch (error) {
      sendJson(response, 400, controlError((error as Error).message), {});
    }
    return true;
  };
}
