// `passerelle status [--json]`: the follow queue by network and state, how long it takes to drain
// at today's budgets, the accounts parked (per instance) and why, and the re-authorisations needed.
import type { Command } from 'commander';
import type { Database } from '../db/index.ts';
import { type Activation, getActivation } from '../directory/activation.ts';
import { type QueueStatus, queueStatus } from '../metrics/queue.ts';
import { STRICT_POLICY } from '../net/policy.ts';
import { BlueskyAdapter } from '../platforms/bluesky/adapter.ts';
import { MastodonAdapter } from '../platforms/mastodon/adapter.ts';
import { type CliIo, EXIT_OK, processIo, runWithDatabase } from './directory.ts';

export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description("Show the follow queue, the time to drain it at today's budgets, and the parked accounts")
    .option('--json', 'print one JSON object')
    .action(async (opts: { json?: boolean }) => {
      await runWithDatabase((database) => statusCommand(database, opts));
    });
}

/** Budgets and costs only: these adapters never connect anywhere. */
const ADAPTERS = [new BlueskyAdapter(), new MastodonAdapter({ policy: STRICT_POLICY })];

export async function statusCommand(database: Database, opts: { json?: boolean }, io: CliIo = processIo) {
  const status = await queueStatus(database, ADAPTERS);
  const activation = await getActivation(database);
  io.out(opts.json ? `${JSON.stringify({ ...status, activation })}\n` : formatStatus(status, activation));
  return EXIT_OK;
}

const WHY: Record<string, string> = {
  rate_limited: 'the network answered 429 or its headers said the budget is spent',
  budget: "Passerelle's own budget for the account is spent for now",
  backoff: 'errors from the network: retrying with backoff',
  follow_cap: "the account reached its network's follow cap",
  needs_reauth: 'the token was refused: its owner must link the account again',
};

export function formatStatus(s: QueueStatus, activation: Activation | null = null): string {
  const pending = activation && !activation.releasedAt ? activation.activatesAt.toISOString() : null;
  const lines: string[] = [`Activation day: ${activationLine(activation)}`, 'Follow tasks:'];
  if (s.tasks.length === 0) lines.push('  none');
  for (const t of s.tasks) {
    const note =
      t.state === 'paused'
        ? ' (automatic mode off: they wait for their person)'
        : t.state === 'held' && pending
          ? ` (activation day ${pending} releases them)`
          : '';
    lines.push(`  ${t.platform.padEnd(9)} ${t.state.padEnd(18)} ${t.count}${note}`);
  }
  lines.push("Time to drain the open queue at today's budgets (best case, no pauses):");
  if (s.drain.length === 0) lines.push('  nothing open');
  for (const d of s.drain)
    lines.push(
      `  ${d.platform.padEnd(9)} ${d.openTasks} open for ${d.accounts} account(s): ${hours(d.hours)}`,
    );
  lines.push('Parked accounts:');
  if (s.parked.length === 0) lines.push('  none');
  for (const p of s.parked)
    lines.push(
      `  ${p.platform.padEnd(9)} ${(p.host ?? '-').padEnd(24)} ${String(p.accounts).padStart(6)} ${p.reason}` +
        `${p.until ? ` until ${p.until}` : ''} — ${WHY[p.reason] ?? p.reason}`,
    );
  const reauth = s.needsReauth.map((r) => `${r.platform} ${r.accounts}`).join(', ');
  lines.push(`Re-authorisations needed: ${reauth || 'none'}`);
  return `${lines.join('\n')}\n`;
}

function activationLine(a: Activation | null): string {
  if (!a) return 'none (follows start as soon as they are planned)';
  const at = a.activatesAt.toISOString();
  return a.releasedAt ? `${at}, released at ${a.releasedAt.toISOString()}` : `${at}, not yet released`;
}

function hours(h: number): string {
  if (h < 1) return `${Math.ceil(h * 60)} min`;
  return h < 48 ? `${h.toFixed(1)} h` : `${(h / 24).toFixed(1)} days`;
}
