// Issue 9, finding 9: automatic mode follows only whom the user followed on X; following back
// the people who followed them is its own consent, off by default (fan-out, own plan, "reconnect
// all", the API). And nobody ever plans a follow of their own account.
import { expect, it } from 'vitest';
import { consentHistory, setConsents } from '../../src/directory/consent.ts';
import { importDirectory } from '../../src/directory/import.ts';
import { matchesForUser } from '../../src/directory/matching.ts';
import { reconnectAll } from '../../src/directory/reconnect.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { link, person, tasks } from './fixtures.ts';

describeEachDatabase('follow-back is a separate consent (finding 9)', (db) => {
  it('automatic mode follows the people followed on X; their followers only with follow-back', async () => {
    // Star 6101 followed fan 6100 on X; the fan never followed the star.
    const fan = await person(db(), '6100', { proven: true, followers: ['6101'] });
    await setConsents(db(), fan.userId, { autoFollow: true });
    await link(db(), fan, 'bluesky');
    const star = await person(db(), '6101', { proven: true, following: ['6100'] });
    const did = await link(db(), star, 'bluesky');
    // Proposed to the fan, never planned without the consent: fan-out, own plan, reconnect all.
    expect((await matchesForUser(db(), fan.userId)).map((m) => [m.target, m.reason, m.status])).toEqual([
      [did, 'follower', 'proposed'],
    ]);
    expect(await tasks(db(), fan.userId)).toEqual([]);
    expect(await reconnectAll(db(), fan.userId)).toBe(0);
    expect(await tasks(db(), fan.userId)).toEqual([]);

    await setConsents(db(), fan.userId, { followBack: true });
    expect(await tasks(db(), fan.userId)).toMatchObject([
      { target: did, reason: 'follower', state: 'pending' },
    ]);
    // Withdrawn: the unsent follow-back goes; the history keeps both choices.
    await setConsents(db(), fan.userId, { followBack: false });
    expect(await tasks(db(), fan.userId)).toEqual([]);
    expect((await consentHistory(db(), fan.userId)).map((c) => [c.consent, c.value, c.givenBy])).toEqual([
      ['discoverable', true, 'user'],
      ['autoFollow', true, 'user'],
      ['followBack', true, 'user'],
      ['followBack', false, 'user'],
    ]);
  });

  it('a newcomer is followed back through the fan-out only by people who consented to it', async () => {
    const keen = await person(db(), '6201', { proven: true, followers: ['6200'] });
    await setConsents(db(), keen.userId, { autoFollow: true, followBack: true });
    await link(db(), keen, 'bluesky');
    const plain = await person(db(), '6202', { proven: true, followers: ['6200'] });
    await setConsents(db(), plain.userId, { autoFollow: true });
    await link(db(), plain, 'bluesky');
    const star = await person(db(), '6200', { proven: true });
    const did = await link(db(), star, 'bluesky');
    expect(await tasks(db(), keen.userId)).toMatchObject([{ target: did, reason: 'follower' }]);
    expect(await tasks(db(), plain.userId)).toEqual([]);
  });

  it('never plans a follow of the account itself, even when a trusted entry points another X id at it', async () => {
    const self = await person(db(), '6300', { proven: true, following: ['6301'] });
    await setConsents(db(), self.userId, { autoFollow: true });
    const own = await link(db(), self, 'bluesky', 'selfaccount');
    // The operator's file says X account 6301 is this very Bluesky account.
    const report = await importDirectory(db(), `x_id,bluesky,mastodon,source\n6301,${own},,list\n`, {
      trusted: true,
    });
    expect(report.written).toBe(true);
    expect(await tasks(db(), self.userId)).toEqual([]);
    expect(await reconnectAll(db(), self.userId)).toBe(0);
    expect(await tasks(db(), self.userId)).toEqual([]);
  });
});
