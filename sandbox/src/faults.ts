/**
 * Injected faults. Rates give soak-style chaos (the CLI's --fault-rate); one-shot injections give tests
 * determinism ("the next POST /v1/files loses its response").
 */
export type FaultKind = 'error_500' | 'error_502' | 'error_503' | 'reset' | 'timeout' | 'lost_response';

export const faultKinds: readonly FaultKind[] = [
  'error_500',
  'error_502',
  'error_503',
  'reset',
  'timeout',
  'lost_response',
];

export interface FaultConfig {
  /** Fixed delay before every answer. */
  latencyMs?: number;
  /** Extra uniformly random delay in [0, jitterMs). */
  jitterMs?: number;
  /** Chance of a 500, 502 or 503 (equally likely). */
  errorRate?: number;
  /** Chance the connection is reset before anything happens. */
  resetRate?: number;
  /** Chance the request never gets an answer. */
  timeoutRate?: number;
  /** Chance the write is applied and then the connection drops before the answer. */
  lostResponseRate?: number;
}

export interface FaultInjection {
  kind: FaultKind;
  /** How many matching requests get it (default 1). */
  count?: number;
  /** Tenant name; absent means any tenant. */
  tenant?: string;
  /** Matches a route name ("POST /v1/files") exactly, or a method ("POST"), or a path prefix ("/v1/vector_stores"). */
  route?: string;
}

export interface FaultDecision {
  delayMs: number;
  kind: FaultKind | null;
  /** Settles when a hold this request joined lets go (see `hold`); absent when none applies. */
  held?: Promise<void>;
}

/** The next `count` requests of a tenant, waiting for the last of them to arrive. */
interface Hold {
  tenant: string;
  count: number;
  arrived: number;
  release: () => void;
  released: Promise<void>;
}

export class Faults {
  private global: FaultConfig;
  private readonly perTenant = new Map<string, FaultConfig>();
  private queue: (FaultInjection & { count: number })[] = [];
  private holds: Hold[] = [];
  private readonly random: () => number;

  constructor(global: FaultConfig, random: () => number = Math.random) {
    this.global = { ...global };
    this.random = random;
  }

  set(config: FaultConfig, tenant?: string): void {
    if (tenant === undefined) this.global = { ...config };
    else this.perTenant.set(tenant, { ...config });
  }

  clear(tenant?: string): void {
    if (tenant === undefined) {
      this.global = {};
      this.perTenant.clear();
      this.queue = [];
    } else {
      this.perTenant.delete(tenant);
      this.queue = this.queue.filter((entry) => entry.tenant !== tenant);
    }
    // A cleared hold lets its waiting requests go rather than leaving them hanging.
    for (const hold of this.holds) if (tenant === undefined || hold.tenant === tenant) hold.release();
    this.holds = this.holds.filter((hold) => tenant !== undefined && hold.tenant !== tenant);
  }

  /**
   * Holds the tenant's next `count` API requests until the last of them has arrived, then lets all of
   * them go at once: exactly `count` in flight together however slow the machine, where a latency only
   * makes overlap likely.
   */
  hold(tenant: string, count: number): void {
    if (!Number.isInteger(count) || count < 1) throw new Error(`count must be a whole number ≥ 1 (got ${count})`);
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    this.holds.push({ tenant, count, arrived: 0, release, released });
  }

  inject(injection: FaultInjection): void {
    this.queue.push({ ...injection, count: injection.count ?? 1 });
  }

  pending(): FaultInjection[] {
    return this.queue.map((entry) => ({ ...entry }));
  }

  decide(tenant: string | null, routeName: string): FaultDecision {
    const config = (tenant !== null ? this.perTenant.get(tenant) : undefined) ?? this.global;
    const delayMs = (config.latencyMs ?? 0) + (config.jitterMs ? this.random() * config.jitterMs : 0);
    const held = tenant === null ? undefined : this.join(tenant);
    const index = this.queue.findIndex(
      (entry) => (entry.tenant === undefined || entry.tenant === tenant) && routeMatches(entry.route, routeName),
    );
    if (index >= 0) {
      const entry = this.queue[index]!;
      entry.count -= 1;
      if (entry.count <= 0) this.queue.splice(index, 1);
      return { delayMs, kind: entry.kind, ...(held && { held }) };
    }
    return { delayMs, kind: this.roll(config), ...(held && { held }) };
  }

  private join(tenant: string): Promise<void> | undefined {
    const hold = this.holds.find((entry) => entry.tenant === tenant);
    if (!hold) return undefined;
    hold.arrived += 1;
    if (hold.arrived >= hold.count) {
      this.holds.splice(this.holds.indexOf(hold), 1);
      hold.release();
    }
    return hold.released;
  }

  private roll(config: FaultConfig): FaultKind | null {
    const draws: [number | undefined, () => FaultKind][] = [
      [
        config.errorRate,
        () => (['error_500', 'error_502', 'error_503'] as const)[Math.floor(this.random() * 3)] ?? 'error_500',
      ],
      [config.resetRate, () => 'reset'],
      [config.timeoutRate, () => 'timeout'],
      [config.lostResponseRate, () => 'lost_response'],
    ];
    for (const [rate, kind] of draws) if (rate && this.random() < rate) return kind();
    return null;
  }
}

function routeMatches(filter: string | undefined, routeName: string): boolean {
  if (filter === undefined) return true;
  if (filter === routeName) return true;
  const [method, path = ''] = routeName.split(' ');
  if (filter === method) return true;
  return filter.startsWith('/') && path.startsWith(filter);
}
