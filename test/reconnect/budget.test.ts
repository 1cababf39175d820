import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../../src/reconnect/backoff.ts';
import { budgetRulesSchema, effectiveWindows, fitFollows } from '../../src/reconnect/budget.ts';

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
