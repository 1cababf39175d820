-- Public profiles of matched accounts (display name, avatar), looked up in the background and
-- kept until they expire; and the opt-in public page /@x_username (off until the person turns it on).
CREATE TABLE "network_profiles" (
	"platform" text NOT NULL,
	"target" text NOT NULL,
	"found" boolean NOT NULL,
	"display_name" text,
	"avatar_url" text,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_profiles_pk" PRIMARY KEY ("platform", "target")
);
--> statement-breakpoint
CREATE TABLE "public_pages" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "public_pages" ADD CONSTRAINT "public_pages_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "x_accounts_username_lower_idx" ON "x_accounts" USING btree (lower("username"));
