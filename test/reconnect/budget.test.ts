import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../../src/reconnect/backoff.ts';
import {
  budgetRulesSchema,
  effectiveWindows,
  fitFollows,
  provesOwnCounters,
} from '../../src/reconnect/budget.ts';
import { nextLook } from '../../src/reconnect/revisits.ts';

describe('budgets as data', () => {
  it('spends 80% of each platform limit by default and spreads the day over 24 slices', () => {
    const rules = budgetRulesSchema.parse({
      windows: [
        { name: 'hour', seconds: 3600, limit: 5000, unit: 'points' },
        { name: 'day', seconds: 86400, limit: 35000, unit: 'points' },
      ],
      spread: { window: 'day', slices: 24 },
    });
    expect(effectiveWindows(rules)).toEqual([
      { name: 'hour', seconds: 3600, limit: 4000, unit: 'points' },
      { name: 'day', seconds: 86400, limit: 28000, unit: 'points' },
      { name: 'day/24', seconds: 3600, limit: 1167, unit: 'points' },
    ]);
  });

  it('rejects rules that would exceed the platform limit or make no sense', () => {
    expect(() => budgetRulesSchema.parse({ windows: [], fraction: 1.5 })).toThrow();
    expect(() =>
      budgetRulesSchema.parse({ windows: [{ name: 'h', seconds: 0, limit: 1, unit: 'points' }] }),
    ).toThrow();
    expect(() =>
      budgetRulesSchema.parse({ windows: [{ name: 'h', seconds: 60, limit: 1, unit: 'likes' }] }),
    ).toThrow();
  });

  it('fits the largest batch under every window', () => {
    const cost = (n: number) => ({ follows: n, requests: n * 2 + 1, points: n * 3 });
    expect(fitFollows(200, cost, [['points', 600]])).toBe(200);
    expect(fitFollows(200, cost, [['points', 599]])).toBe(199);
    expect(
      fitFollows(200, cost, [
        ['points', 600],
        ['requests', 21],
      ]),
    ).toBe(10);
    expect(fitFollows(200, cost, [['points', 2]])).toBe(0);
  });

  it('backs off exponentially with jitter, capped', () => {
    const o = { baseMs: 1000, maxMs: 10_000, maxAttempts: 5 };
    expect(backoffDelayMs(1, o, () => 0)).toBe(500);
    expect(backoffDelayMs(3, o, () => 0.999)).toBeLessThan(4000);
    expect(backoffDelayMs(3, o, () => 0)).toBe(2000);
    expect(backoffDelayMs(30, o, () => 0.999)).toBeLessThanOrEqual(10_000);
  });
});

describe('host budgets and follow-request looks', () => {
  const at = new Date('2026-01-01T00:00:00Z');
  const seen = (by: number, remaining: number, resetAt = '2026-01-01T00:05:00.000Z') => ({
    shared: null,
    rateLimit: { limit: 300, remaining, resetAt },
    observedBy: by,
    observedAt: at,
  });

  it('counts a host as shared until another account reads more remaining before the reset', () => {
    // A shared counter only goes down until its reset.
    expect(provesOwnCounters(seen(1, 200), 2, { remaining: 150 }, at)).toBe(false);
    expect(provesOwnCounters(seen(1, 200), 2, { remaining: 290 }, at)).toBe(true);
    // The same account, or a reading after the reset, proves nothing.
    expect(provesOwnCounters(seen(2, 200), 2, { remaining: 290 }, at)).toBe(false);
    expect(provesOwnCounters(seen(1, 200, '2025-12-31T23:59:00.000Z'), 2, { remaining: 290 }, at)).toBe(
      false,
    );
  });

  it('looks at a request again after 10 minutes, then twice as long each time, at most daily', () => {
    const gaps = [1, 2, 3, 4, 12, 40].map((looks) => (nextLook(looks, at).getTime() - at.getTime()) / 60_000);
    expect(gaps).toEqual([10, 20, 40, 80, 1440, 1440]);
  });
});
