import type { IncomingMessage } from 'node:http';
import type { Reply } from './http-io.ts';
import type { SandboxStore } from './store.ts';
import type { TenantState } from './types.ts';

export interface RouteContext {
  request: IncomingMessage;
  params: Record<string, string>;
  query: URLSearchParams;
  tenant: TenantState;
  store: SandboxStore;
}

export type Handler = (context: RouteContext) => Promise<Reply>;

/** The scope a restricted key needs, named as OpenAI's key permissions name them. */
export type Scope = `api.${'model' | 'assistants' | 'agents' | 'files' | 'vector_stores'}.${'read' | 'write'}`;

export interface Route {
  method: string;
  /** e.g. /v1/assistants/{assistant_id}; "METHOD pattern" is also the route's name in request counts. */
  pattern: string;
  scope: Scope;
  handler: Handler;
}

type CompiledRoute<R> = R & {
  name: string;
  regex: RegExp;
  keys: string[];
};

export interface RouteMatch<R = Route> {
  route: CompiledRoute<R>;
  params: Record<string, string>;
}

/** Matches "METHOD /path/{param}" patterns; generic so the Admin API's routes (another context) reuse it. */
export class Router<R extends { method: string; pattern: string } = Route> {
  private readonly routes: CompiledRoute<R>[] = [];

  add(routes: R[]): void {
    for (const route of routes) {
      const keys: string[] = [];
      const source = route.pattern.replace(/\{(\w+)\}/g, (_match, key: string) => {
        keys.push(key);
        return '([^/]+)';
      });
      this.routes.push({
        ...route,
        name: `${route.method} ${route.pattern}`,
        regex: new RegExp(`^${source}/?$`),
        keys,
      });
    }
  }

  match(method: string, path: string): RouteMatch<R> | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const found = route.regex.exec(path);
      if (!found) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, index) => {
        params[key] = decodeURIComponent(found[index + 1] ?? '');
      });
      return { route, params };
    }
    return undefined;
  }
}
