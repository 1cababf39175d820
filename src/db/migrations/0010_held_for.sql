-- Why a follow task is held: 'activation' (until the switch-on, which releases it whoever asked:
-- automatic mode, or an explicit "reconnect all" / community "follow all") or 'auto_off'
-- (automatic mode was turned off; it waits until the person turns it on or asks again).
-- NULL for any task that is not held.
ALTER TABLE "follow_tasks" ADD COLUMN "held_for" text;
--> statement-breakpoint
-- Existing held tasks keep the meaning they had: the switch-on released those of automatic-mode
-- users only, so the others are taken as paused by automatic mode off.
UPDATE "follow_tasks" t SET "held_for" = CASE
    WHEN EXISTS (SELECT 1 FROM "user_consents" uc WHERE uc.user_id = t.user_id AND uc.auto_follow)
    THEN 'activation' ELSE 'auto_off' END
  WHERE t.state = 'held';
--> statement-breakpoint
ALTER TABLE "follow_tasks" ADD CONSTRAINT "follow_tasks_held_for_check"
  CHECK (("state" = 'held') = ("held_for" IS NOT NULL) AND ("held_for" IS NULL OR "held_for" IN ('activation', 'auto_off')));
