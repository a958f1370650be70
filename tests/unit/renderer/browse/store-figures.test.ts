import { describe, expect, it } from 'vitest';
import { spokenFigures, storeFigures } from '../../../../renderer/src/browse/store-figures.ts';
import { DAY, NOW, store } from './vector-store-fixture.ts';

const nowMs = NOW * 1000;
const figures = (overrides: Parameters<typeof store>[0]) => storeFigures(store(overrides), nowMs);

describe('a vector store row’s figures', () => {
  it('words the counts as figures on screen and for a screen reader, no glyphs', () => {
    const f = figures({ counts: { completed: 4, in_progress: 0, failed: 1 } });
    expect(f.counts.map((c) => c.shown)).toEqual(['4 completed', '0 in progress', '1 failed']);
    expect(spokenFigures(f)).toContain('4 completed, 0 in progress, 1 failed');
    expect(spokenFigures(f)).not.toMatch(/[✓·]| d /);
  });

  it('shows cancelled files only when there are some', () => {
    expect(figures({}).counts.map((c) => c.kind)).toEqual(['completed', 'in_progress', 'failed']);
    expect(figures({ counts: { cancelled: 2 } }).counts.at(-1)).toMatchObject({
      kind: 'cancelled',
      shown: '2 cancelled',
    });
  });

  it('tones the status by what it means', () => {
    expect(figures({}).status).toEqual({ shown: 'completed', spoken: 'status completed', tone: 'ok' });
    expect(figures({ status: 'in_progress' }).status).toEqual({
      shown: 'in progress',
      spoken: 'status in progress',
      tone: 'warn',
    });
    expect(figures({ status: 'expired' }).status.tone).toBe('danger');
    expect(figures({ status: 'archived_somehow' }).status).toMatchObject({
      shown: 'archived somehow',
      tone: 'neutral',
    });
  });

  it('gives the size in readable units', () => {
    expect(figures({ usage_bytes: 1536 }).size).toEqual({ shown: '1.5 KB', spoken: 'size 1.5 KB' });
  });

  describe('expiry', () => {
    it('never expires without a policy', () => {
      expect(figures({}).expiry).toEqual({ shown: 'never expires', spoken: 'never expires', tone: 'neutral' });
    });

    it('shows the date and the rule behind it when the server gives expires_at', () => {
      const e = figures({ expires_after: { anchor: 'last_active_at', days: 365 }, expires_at: NOW + 200 * DAY }).expiry;
      expect(e).toEqual({
        shown: 'expires Jun 10, 2027',
        detail: '365 d after last use',
        spoken: 'expires on June 10, 2027, 365 days after last use',
        tone: 'neutral',
      });
    });

    it('drops the year of a date in this year, and warns when the store expires within a week', () => {
      const e = figures({ expires_after: { anchor: 'last_active_at', days: 7 }, expires_at: NOW + 4 * DAY }).expiry;
      expect(e).toMatchObject({ shown: 'expires Nov 26', detail: '7 d after last use', tone: 'warn' });
      expect(e.spoken).toBe('expires on November 26, 2026, 7 days after last use');
    });

    it('words the rule alone when there is no date', () => {
      expect(figures({ expires_after: { anchor: 'last_active_at', days: 1 } }).expiry).toEqual({
        shown: 'expires 1 d after last use',
        spoken: 'expires 1 day after last use',
        tone: 'neutral',
      });
    });

    it('says expired, with the date, once the store has expired', () => {
      const e = figures({
        status: 'expired',
        expires_after: { anchor: 'last_active_at', days: 7 },
        expires_at: NOW - 10 * DAY,
      }).expiry;
      expect(e).toMatchObject({
        shown: 'expired Nov 12',
        tone: 'danger',
        spoken: 'expired on November 12, 2026, 7 days after last use',
      });
      // The clock has passed expires_at while the list still says completed: it is expired all the same.
      expect(
        figures({ expires_after: { anchor: 'last_active_at', days: 7 }, expires_at: NOW - DAY }).expiry.shown,
      ).toBe('expired Nov 21');
    });
  });

  describe('last active', () => {
    const shown = (secondsAgo: number | null) =>
      figures({ last_active_at: secondsAgo === null ? null : NOW - secondsAgo }).lastActive;
    it('is relative while it reads at a glance, a date after a month', () => {
      expect(shown(20).shown).toBe('last active just now');
      expect(shown(5 * 60)).toMatchObject({ shown: 'last active 5 min ago', spoken: 'last active 5 minutes ago' });
      expect(shown(3 * 3600)).toMatchObject({ shown: 'last active 3 h ago', spoken: 'last active 3 hours ago' });
      expect(shown(DAY)).toMatchObject({ shown: 'last active 1 d ago', spoken: 'last active 1 day ago' });
      expect(shown(30 * DAY).shown).toBe('last active 30 d ago');
      expect(shown(42 * DAY)).toMatchObject({ shown: 'last active Oct 11', spoken: 'last active on October 11, 2026' });
      expect(shown(400 * DAY).shown).toBe('last active Oct 18, 2025');
    });

    it('keeps the exact time for the tooltip', () => {
      // The hour depends on the time zone the tests run in; the date (noon UTC) does not.
      expect(shown(42 * DAY).title).toMatch(/^Last active Oct 11, 2026, \d{1,2}:00\s?[AP]M$/);
    });

    it('says never active when the store never was', () => {
      expect(shown(null)).toEqual({ shown: 'never active', spoken: 'never active', title: 'Never active' });
    });
  });

  it('speaks every figure in one description, in the order they are shown', () => {
    const f = figures({
      counts: { completed: 5, failed: 0 },
      expires_after: { anchor: 'last_active_at', days: 365 },
      expires_at: NOW + 200 * DAY,
    });
    expect(spokenFigures(f)).toBe(
      'status completed. 5 completed, 0 in progress, 0 failed. size 2.0 KB. expires on June 10, 2027, 365 days after last use. last active 3 days ago.',
    );
  });
});
