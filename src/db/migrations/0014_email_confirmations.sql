-- An address given in settings waits here until its owner clicks the link emailed to it (double
-- opt-in): only then does it move to notification_settings and receive anything else. One
-- pending address per user; the token is single-use (the row goes when it is used) and expires.
CREATE TABLE "email_confirmations" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "email_confirmations" ADD CONSTRAINT "email_confirmations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "email_confirmations_token_idx" ON "email_confirmations" USING btree ("token_hash");
