CREATE TABLE IF NOT EXISTS "host_rate_limits" (
	"platform" text NOT NULL,
	"host" text NOT NULL,
	"shared" boolean,
	"rate_limit" jsonb,
	"observed_by" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "host_rate_limits_pkey" PRIMARY KEY ("platform", "host")
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "linked_accounts_platform_instance_idx" ON "linked_accounts" USING btree ("platform", "instance");
--> statement-breakpoint
-- Mastodon addresses have one stored form, lowercase: drop the copies that differ only by case
-- (keeping the furthest along), then lowercase the rest.
DELETE FROM "follow_tasks" t USING (
	SELECT id, row_number() OVER (
		PARTITION BY user_id, lower(target)
		ORDER BY CASE state WHEN 'done' THEN 0 WHEN 'already_following' THEN 1 WHEN 'requested' THEN 2
			WHEN 'in_flight' THEN 3 WHEN 'pending' THEN 4 ELSE 5 END, id
	) AS rank
	FROM "follow_tasks" WHERE platform = 'mastodon'
) ranked
WHERE t.id = ranked.id AND ranked.rank > 1;
--> statement-breakpoint
UPDATE "follow_tasks" SET target = lower(target) WHERE platform = 'mastodon' AND target <> lower(target);
--> statement-breakpoint
UPDATE "directory_entries" SET target = lower(target), handle = lower(handle)
WHERE platform = 'mastodon' AND (target <> lower(target) OR handle <> lower(handle));
