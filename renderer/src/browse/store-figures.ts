import { formatBytes } from '../../../shared/format.ts';
import type { VectorStoreView } from '../../../shared/resources.ts';

/**
 * What a vector store's list row shows, worded twice: `shown` is the compact text on screen (it may
 * abbreviate: "12 d ago"), `spoken` is what a screen reader says for it ("last active 12 days ago").
 * Pure, with `now` passed in, so the wording is tested without a clock or a DOM.
 */
export interface Figure {
  shown: string;
  spoken: string;
}

export type Tone = 'ok' | 'warn' | 'danger' | 'neutral';

export interface StoreFigures {
  status: Figure & { tone: Tone };
  counts: readonly (Figure & { kind: 'completed' | 'in_progress' | 'failed' | 'cancelled'; value: number })[];
  size: Figure;
  /** `detail` is the rule behind a dated expiry ("365 d after last use"), shown quieter beside the date. */
  expiry: Figure & { tone: Tone; detail?: string };
  /** `title` is the exact time, for the tooltip. */
  lastActive: Figure & { title: string };
}

const DAY = 86_400;
const STATUS_TONES: Record<string, Tone> = { completed: 'ok', in_progress: 'warn', expired: 'danger' };

const words = (apiWord: string) => apiWord.replaceAll('_', ' ');
const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** "Oct 12" this year, "Oct 12, 2027" otherwise: short enough for a list row, never ambiguous. */
function shortDate(seconds: number, nowMs: number): string {
  const date = new Date(seconds * 1000);
  const sameYear = date.getFullYear() === new Date(nowMs).getFullYear();
  return date.toLocaleDateString(
    undefined,
    sameYear ? { month: 'short', day: 'numeric' } : { month: 'short', day: 'numeric', year: 'numeric' },
  );
}

const longDate = (seconds: number) => new Date(seconds * 1000).toLocaleDateString(undefined, { dateStyle: 'long' });

/** The anchor the API counts expiry from; today only `last_active_at`, read as "last use". */
const anchorWords = (anchor: string) => (anchor === 'last_active_at' ? 'last use' : words(anchor));

function expiry(store: VectorStoreView, nowMs: number): StoreFigures['expiry'] {
  const after = store.expires_after;
  if (!after) return { shown: 'never expires', spoken: 'never expires', tone: 'neutral' };
  const rule = `${after.days} d after ${anchorWords(after.anchor)}`;
  const spokenRule = `${plural(after.days, 'day', 'days')} after ${anchorWords(after.anchor)}`;
  const at = store.expires_at ?? null;
  if (store.status === 'expired' || (at !== null && at * 1000 <= nowMs)) {
    return at === null
      ? { shown: 'expired', spoken: `expired, ${spokenRule}`, tone: 'danger', detail: rule }
      : {
          shown: `expired ${shortDate(at, nowMs)}`,
          spoken: `expired on ${longDate(at)}, ${spokenRule}`,
          tone: 'danger',
          detail: rule,
        };
  }
  if (at === null) return { shown: `expires ${rule}`, spoken: `expires ${spokenRule}`, tone: 'neutral' };
  // A store about to expire is worth a glance: unused for a week more and its data is gone.
  const tone: Tone = at * 1000 - nowMs < 7 * DAY * 1000 ? 'warn' : 'neutral';
  return {
    shown: `expires ${shortDate(at, nowMs)}`,
    spoken: `expires on ${longDate(at)}, ${spokenRule}`,
    tone,
    detail: rule,
  };
}

function lastActive(seconds: number | null, nowMs: number): StoreFigures['lastActive'] {
  if (!seconds) return { shown: 'never active', spoken: 'never active', title: 'Never active' };
  const title = `Last active ${new Date(seconds * 1000).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}`;
  const ago = Math.max(0, Math.floor(nowMs / 1000 - seconds));
  // Relative while it reads at a glance (under a month), a date after that.
  if (ago < 60) return { shown: 'last active just now', spoken: 'last active just now', title };
  if (ago < 3600)
    return {
      shown: `last active ${Math.floor(ago / 60)} min ago`,
      spoken: `last active ${plural(Math.floor(ago / 60), 'minute', 'minutes')} ago`,
      title,
    };
  if (ago < DAY)
    return {
      shown: `last active ${Math.floor(ago / 3600)} h ago`,
      spoken: `last active ${plural(Math.floor(ago / 3600), 'hour', 'hours')} ago`,
      title,
    };
  if (ago < 31 * DAY)
    return {
      shown: `last active ${Math.floor(ago / DAY)} d ago`,
      spoken: `last active ${plural(Math.floor(ago / DAY), 'day', 'days')} ago`,
      title,
    };
  return { shown: `last active ${shortDate(seconds, nowMs)}`, spoken: `last active on ${longDate(seconds)}`, title };
}

type Count = StoreFigures['counts'][number];
/** The counts are words on screen too ("1 failed"), so shown and spoken are the same. */
function count(kind: Count['kind'], value: number): Count {
  const text = `${value.toLocaleString()} ${words(kind)}`;
  return { kind, value, shown: text, spoken: text };
}

export function storeFigures(store: VectorStoreView, nowMs: number): StoreFigures {
  const c = store.file_counts;
  const counts = [count('completed', c.completed), count('in_progress', c.in_progress), count('failed', c.failed)];
  // Cancelled files are rare (a cancelled batch) and only worth the room when there are some.
  if (c.cancelled > 0) counts.push(count('cancelled', c.cancelled));
  const size = formatBytes(store.usage_bytes);
  return {
    status: {
      shown: words(store.status),
      spoken: `status ${words(store.status)}`,
      tone: STATUS_TONES[store.status] ?? 'neutral',
    },
    counts,
    size: { shown: size, spoken: `size ${size}` },
    expiry: expiry(store, nowMs),
    lastActive: lastActive(store.last_active_at, nowMs),
  };
}

/**
 * The row's description for a screen reader, one sentence per group with pauses between:
 * "status completed. 4 completed, 0 in progress, 1 failed. size 2.9 KB. never expires. last active 3 days ago."
 */
export function spokenFigures(f: StoreFigures): string {
  return (
    [
      f.status.spoken,
      f.counts.map((c) => c.spoken).join(', '),
      f.size.spoken,
      f.expiry.spoken,
      f.lastActive.spoken,
    ].join('. ') + '.'
  );
}
