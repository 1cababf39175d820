// Circles from the archives in the database: two groups that follow each other, and a person
// who followed people in both sees both, named after their most-followed members, with the share moved.
import { expect, it } from 'vitest';
import { circlesOf, computeCircles, lastCircleRun } from '../../src/communities/circles.ts';
import { communityTick } from '../../src/communities/clock.ts';
import { link, type Person, person } from '../directory/fixtures.ts';
import { describeEachDatabase } from '../support/databases.ts';

describeEachDatabase('Circles', (db, kind) => {
  it('finds the groups of the follow graph between users and shows each person theirs', async () => {
    const p = kind === 'pglite' ? '41' : '42';
    const a = Array.from({ length: 6 }, (_, i) => `${p}1${i}`);
    const b = Array.from({ length: 6 }, (_, i) => `${p}2${i}`);
    // Each group follows everyone in it; a0 and b0 are followed by everyone in their group.
    const members: Person[] = [];
    for (const group of [a, b])
      for (const x of group)
        members.push(await person(db(), x, { following: group.filter((y) => y !== x), proven: true }));
    const me = await person(db(), `${p}99`, {
      following: [...a.slice(0, 4), ...b.slice(0, 2)],
      proven: true,
    });
    // Two of my contacts in group a have moved.
    await link(db(), members[1] as Person, 'bluesky');
    await link(db(), members[2] as Person, 'mastodon');

    expect(await lastCircleRun(db())).toBeNull();
    const tick = await communityTick(db(), { now: new Date() });
    expect(tick.circles?.circles).toBeGreaterThanOrEqual(2);
    expect(tick.circles?.users).toBe(13);
    expect(await lastCircleRun(db())).not.toBeNull();
    // Not due again before the period is over.
    expect((await communityTick(db(), { now: new Date() })).circles).toBeNull();

    const circles = await circlesOf(db(), me.userId);
    expect(circles.map((c) => c.size)).toEqual([4, 2]);
    expect(circles[0]?.moved).toBe(2);
    expect(circles[1]?.moved).toBe(0);
    expect(circles[0]?.names).toHaveLength(3);
    expect(circles[0]?.names.every((n) => a.map((x) => `u${x}`).includes(n))).toBe(true);
    expect(circles[1]?.names.every((n) => b.map((x) => `u${x}`).includes(n))).toBe(true);
    // Computing again replaces the stored circles.
    const again = await computeCircles(db());
    expect(again.users).toBe(13);
    const [{ n } = { n: 0 }] = await db().query<{ n: number }>('SELECT count(*)::int AS n FROM user_circles');
    expect(n).toBe(13);
  });
});
