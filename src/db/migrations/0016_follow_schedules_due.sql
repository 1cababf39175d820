-- When an account's earliest open follow task is due, never later than the truth (NULL: nothing
-- open), and how many statements opened tasks for it (src/reconnect/due-sql.ts). The engine's
-- claim walks only the accounts with open work, in round-robin order, skipping those not due yet
-- by this column instead of probing their tasks one account at a time; an idle worker's wake-up
-- time is a min over the schedules. Existing and new rows start at 'epoch' ("maybe due now"):
-- the engine writes the exact time when it gives an account back.
ALTER TABLE "follow_schedules" ADD COLUMN "due_at" timestamp with time zone DEFAULT 'epoch';--> statement-breakpoint
ALTER TABLE "follow_schedules" ADD COLUMN "wakes" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
DROP INDEX IF EXISTS "follow_schedules_served_idx";--> statement-breakpoint
CREATE INDEX "follow_schedules_working_idx" ON "follow_schedules" USING btree ("served_at" NULLS FIRST, "linked_account_id") WHERE "due_at" IS NOT NULL;
