-- One network account (a DID, a Mastodon account) belongs to at most one user. Existing
-- duplicates keep the link of the X-proven user, else the oldest; the others are unlinked and
-- their tokens forgotten (they then link again, or are told who holds it).
UPDATE "linked_accounts" AS la SET "status" = 'unlinked', "credentials" = NULL, "updated_at" = now()
FROM (
  SELECT l."id", row_number() OVER (
    PARTITION BY l."platform", l."account_id"
    ORDER BY (u."x_proven_at" IS NULL), l."created_at", l."id"
  ) AS rank
  FROM "linked_accounts" l JOIN "users" u ON u."id" = l."user_id"
  WHERE l."status" <> 'unlinked'
) AS ranked
WHERE la."id" = ranked."id" AND ranked.rank > 1;--> statement-breakpoint
CREATE UNIQUE INDEX "linked_accounts_platform_account_live_idx" ON "linked_accounts" USING btree ("platform","account_id") WHERE "linked_accounts"."status" <> 'unlinked';
