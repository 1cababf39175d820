// The Mastodon servers suggested to people who have no account yet: an operator-editable JSON
// file (PASSERELLE_MASTODON_INSTANCES), the committed list beside this file by default. Each
// entry says its languages, topics and whether sign-ups are open; the share step lists those
// in the page's language first and leaves out servers whose sign-ups are closed.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Topics are codes the web app translates; free text would reach people untranslated. */
export const INSTANCE_TOPICS = [
  'general',
  'technology',
  'science',
  'art',
  'journalism',
  'activism',
  'academia',
  'regional',
  'games',
  'music',
] as const;

const InstanceSchema = z
  .object({
    host: z
      .string()
      .regex(
        /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
        'a host name like mastodon.social',
      ),
    languages: z
      .array(z.string().regex(/^[a-z]{2,3}$/, 'a language code like fr'))
      .min(1)
      .max(10),
    topics: z.array(z.enum(INSTANCE_TOPICS)).min(1).max(5),
    signups: z.enum(['open', 'approval', 'closed']),
  })
  .strict();

export type MastodonInstance = z.infer<typeof InstanceSchema>;

const ListSchema = z.array(InstanceSchema).max(500);

export class InstanceListError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InstanceListError';
  }
}

/** Reads and checks a list file; a bad file stops the start with what to fix. */
export function readInstanceList(file: string): MastodonInstance[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InstanceListError(
      `The Mastodon server list ${file} cannot be read as JSON (${(err as Error).message}). Fix the file or unset PASSERELLE_MASTODON_INSTANCES.`,
    );
  }
  const parsed = ListSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InstanceListError(
      `The Mastodon server list ${file} is not valid at ${issue?.path.join('.') || 'its top'}: ${issue?.message}. Each entry is {"host","languages","topics","signups"}.`,
    );
  }
  return parsed.data;
}

export const DEFAULT_INSTANCES_FILE = fileURLToPath(new URL('./mastodon-instances.json', import.meta.url));
export const DEFAULT_INSTANCES: MastodonInstance[] = readInstanceList(DEFAULT_INSTANCES_FILE);

export function instancesFromEnv(env: NodeJS.ProcessEnv = process.env): MastodonInstance[] {
  const file = env.PASSERELLE_MASTODON_INSTANCES?.trim();
  return file ? readInstanceList(file) : DEFAULT_INSTANCES;
}

/** Servers open to sign-ups (on request included), those speaking `language` first. */
export function suggestedInstances(
  list: MastodonInstance[],
  language: string | undefined,
): MastodonInstance[] {
  const speaks = (i: MastodonInstance) => (language && i.languages.includes(language) ? 0 : 1);
  const open = (i: MastodonInstance) => (i.signups === 'open' ? 0 : 1);
  return list
    .filter((i) => i.signups !== 'closed')
    .map((instance, index) => ({ instance, index }))
    .sort(
      (a, b) =>
        speaks(a.instance) - speaks(b.instance) || open(a.instance) - open(b.instance) || a.index - b.index,
    )
    .map((e) => e.instance);
}
