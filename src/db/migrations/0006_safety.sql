-- Blocks and mutes from X: stored as edges of their own kinds (direction 3 = the user blocked
-- x_id on X, 4 = muted it; no schema change for that), carried over as tasks of the follow
-- engine (kind follow | block | mute), one per (user, platform, target, kind), with the consent
-- asked once on the matches page.
ALTER TABLE "follow_tasks" ADD COLUMN "kind" text DEFAULT 'follow' NOT NULL;
--> statement-breakpoint
DROP INDEX "follow_tasks_user_platform_target_idx";
--> statement-breakpoint
CREATE UNIQUE INDEX "follow_tasks_user_platform_target_idx" ON "follow_tasks" USING btree ("user_id", "platform", "target", "kind");
--> statement-breakpoint
ALTER TABLE "user_consents" ADD COLUMN "carry_safety" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
ALTER TABLE "user_consents" ADD COLUMN "blocks_as_mutes" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
ALTER TABLE "user_consents" ADD COLUMN "safety_asked_at" timestamp with time zone;
