-- Sessions remember the device they were opened on (a short browser and system summary, never
-- the raw User-Agent), so a person can tell them apart in settings and end one.
ALTER TABLE "sessions" ADD COLUMN "device" text;
--> statement-breakpoint
-- Consents are asked, never pre-ticked. Until now a user without a row had "discoverable" and
-- "public statistics" on by default. Those defaults cannot be told apart from a given answer, and
-- other people may already follow the accounts they made findable: existing users keep what they
-- had, written down as a row. From now on a new user's "discoverable" is unanswered (NULL, read
-- as no) until they answer, and "public statistics" is off until they turn it on.
INSERT INTO "user_consents" ("user_id", "discoverable", "auto_follow", "public_stats", "follow_back")
SELECT u."id", true, false, true, false FROM "users" u
 WHERE NOT EXISTS (SELECT 1 FROM "user_consents" uc WHERE uc."user_id" = u."id");
--> statement-breakpoint
ALTER TABLE "user_consents" ALTER COLUMN "discoverable" DROP DEFAULT;
--> statement-breakpoint
ALTER TABLE "user_consents" ALTER COLUMN "discoverable" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "user_consents" ALTER COLUMN "public_stats" SET DEFAULT false;
