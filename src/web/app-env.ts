// Hono environment shared by the API: what the middlewares put on the context.
import type { SessionRecord } from './sessions.ts';

export type AppEnv = {
  Variables: {
    /** The caller's live session, or null for an anonymous caller. */
    session: SessionRecord | null;
  };
};
