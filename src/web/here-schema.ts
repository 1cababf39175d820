// The API shape of "how many of the people I followed on X are here" (src/directory/here.ts),
// the same object on the pledge, matches, progress and landing answers.
import { z } from '@hono/zod-openapi';

export const HereSchema = z
  .object({
    following: z.number().int().openapi({ description: 'Distinct accounts followed on X (the archive)' }),
    here: z.number().int().openapi({
      description: 'Of those, found by the directory on Bluesky or Mastodon, whatever the follow’s state',
    }),
    onBluesky: z.number().int(),
    onMastodon: z.number().int(),
  })
  .openapi('Here');
