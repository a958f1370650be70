import type { Bundle } from './bundle.ts';
import { folderRoutes } from './folder-routes.ts';
import { FolderApiError, json, notFound, type FolderRequest } from './folder-wire.ts';

interface CompiledRoute {
  method: string;
  regex: RegExp;
  keys: string[];
  handler: (request: FolderRequest) => Promise<Response> | Response;
}

/**
 * A bundle folder as an OpenAI-compatible server, handed to the SDK client as its `fetch`: the clone
 * engine, pagination, uploads and downloads talk to a folder exactly as they talk to an org, so plan,
 * journal, verify, resume and cleanup need no second implementation. Nothing goes over the network.
 */
export function folderFetch(bundle: Bundle, basePath = '/v1'): typeof fetch {
  const routes: CompiledRoute[] = folderRoutes(bundle).map((route) => {
    const keys: string[] = [];
    const source = route.pattern.replace(/\{(\w+)\}/g, (_m, key: string) => {
      keys.push(key);
      return '([^/]+)';
    });
    return { method: route.method, regex: new RegExp(`^${basePath}${source}/?$`), keys, handler: route.handler };
  });
  return async (input, init) => {
    const request = new Request(input, { ...init, ...(init?.body ? { duplex: 'half' } : {}) } as RequestInit);
    const url = new URL(request.url);
    try {
      for (const route of routes) {
        if (route.method !== request.method) continue;
        const match = route.regex.exec(url.pathname);
        if (!match) continue;
        const params: Record<string, string> = {};
        route.keys.forEach((key, index) => (params[key] = decodeURIComponent(match[index + 1] ?? '')));
        return await route.handler({ request, params, query: url.searchParams });
      }
      throw notFound(`route ${request.method} ${url.pathname} in a folder`);
    } catch (error) {
      if (error instanceof FolderApiError) {
        return json(
          { error: { message: error.message, type: 'invalid_request_error', param: error.param, code: null } },
          error.status,
        );
      }
      throw error;
    }
  };
}
