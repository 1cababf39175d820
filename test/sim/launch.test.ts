// The launch simulator at a few hundred people (issue 12): the real engine, fan-out and database
// against the simulated networks. A fault-free launch reconnects every reconnectable edge; with
// faults (5xx, a PDS host down for an hour, a 429 storm, revoked tokens, a worker killed
// mid-batch) nothing is lost or doubled and no 429 is one the budgets should have prevented.
import { expect, it } from 'vitest';
import { earliestTimes } from '../../bench/sim/analysis.ts';
import { simulateLaunch } from '../../bench/sim/launch.ts';
import { describeEachDatabase } from '../support/databases.ts';

it('computes the earliest follow times under sliding windows and pauses', () => {
  // 3 a window of 1 hour: the 4th waits an hour after the 1st; a pause pushes to its end.
  expect(earliestTimes([0, 0, 0, 0, 0], [{ perWindow: 3, hours: 1 }])).toEqual([0, 0, 0, 1, 1]);
  expect(earliestTimes([2, 0.5], [{ perWindow: 10, hours: 1 }], [{ fromHours: 0, toHours: 1 }])).toEqual([
    1, 2,
  ]);
});

describeEachDatabase('launch simulator', (db) => {
  it('reconnects every reconnectable edge of a fault-free launch', async () => {
    const { result } = await simulateLaunch(db(), {
      users: 120,
      days: 1,
      workers: 3,
      faults: false,
      edgesPerUser: 200,
    });
    expect(result.reconnectable).toBeGreaterThan(200);
    // Follow-back is off by default: nothing but what people followed on X is followed.
    expect(result).toMatchObject({ yield: 1, lost: 0, doubled: 0, unexpected429: 0, openTasks: 0, extra: 0 });
    expect(result.lowerBoundHours).toBeGreaterThan(0);
    expect(result.yieldAt110).toBe(1);
  }, 600_000);
});

describeEachDatabase('launch simulator with faults', (db) => {
  it('loses and doubles nothing through 5xx, an outage, a storm, revoked tokens and a killed worker', async () => {
    const { result } = await simulateLaunch(db(), {
      users: 200,
      days: 2,
      workers: 4,
      faults: true,
      edgesPerUser: 300,
    });
    expect(result.serverErrors).toBeGreaterThan(0);
    expect(result.workersKilled).toBe(1);
    expect(result).toMatchObject({ lost: 0, doubled: 0, unexpected429: 0, openTasks: 0, yield: 1 });
  }, 900_000);
});
