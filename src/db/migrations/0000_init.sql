CREATE TABLE "activation_settings" (
	"id" smallint PRIMARY KEY NOT NULL,
	"activates_at" timestamp with time zone NOT NULL,
	"released_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "archive_imports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"x_account_id" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"following_count" integer NOT NULL,
	"follower_count" integer NOT NULL,
	"source_kind" text NOT NULL,
	"layout" text NOT NULL,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bridge_resolutions" (
	"address" text PRIMARY KEY NOT NULL,
	"exists" boolean NOT NULL,
	"resolved_id" text,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consent_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"consent" text NOT NULL,
	"value" boolean NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_entries" (
	"x_id" text NOT NULL,
	"platform" text NOT NULL,
	"target" text NOT NULL,
	"account_id" text,
	"handle" text NOT NULL,
	"instance" text,
	"source" text NOT NULL,
	"source_detail" text,
	"user_id" bigint,
	"trusted" boolean NOT NULL,
	"usable" boolean DEFAULT false NOT NULL,
	"usable_since" timestamp with time zone,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "directory_entries_x_id_platform_pk" PRIMARY KEY("x_id","platform")
);
--> statement-breakpoint
CREATE TABLE "follow_budget_usage" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"linked_account_id" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"follows" integer NOT NULL,
	"requests" integer NOT NULL,
	"points" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "follow_schedules" (
	"linked_account_id" bigint PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"platform" text NOT NULL,
	"parked_until" timestamp with time zone,
	"park_reason" text,
	"failure_streak" integer DEFAULT 0 NOT NULL,
	"lease_owner" text,
	"lease_expires_at" timestamp with time zone,
	"last_served_by" text,
	"served_at" timestamp with time zone,
	"rate_limit" jsonb,
	"budget" jsonb
);
--> statement-breakpoint
CREATE TABLE "follow_tasks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"platform" text NOT NULL,
	"target" text NOT NULL,
	"target_x_id" text,
	"state" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"not_before" timestamp with time zone,
	"lease_owner" text,
	"lease_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "linked_accounts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"platform" text NOT NULL,
	"account_id" text NOT NULL,
	"handle" text NOT NULL,
	"instance" text,
	"status" text DEFAULT 'active' NOT NULL,
	"credentials" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mastodon_apps" (
	"instance" text PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"client_secret" text NOT NULL,
	"scopes" text NOT NULL,
	"redirect_uri" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_settings" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"digest_enabled" boolean DEFAULT true NOT NULL,
	"unsubscribe_token_hash" text NOT NULL,
	"last_digest_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oauth_store" (
	"namespace" text NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	"expires_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "oauth_store_namespace_key_pk" PRIMARY KEY("namespace","key")
);
--> statement-breakpoint
CREATE TABLE "platform_budgets" (
	"platform" text PRIMARY KEY NOT NULL,
	"rules" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pledges" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"percent" smallint,
	"leave_on" date,
	"email" text,
	"reached_at" timestamp with time zone,
	"notified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limit_buckets" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_consents" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"discoverable" boolean DEFAULT true NOT NULL,
	"auto_follow" boolean DEFAULT false NOT NULL,
	"public_stats" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"x_account_id" text,
	"x_proven_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "x_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"username" text,
	"display_name" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "x_edges" (
	"user_id" bigint NOT NULL,
	"direction" smallint NOT NULL,
	"x_id" text NOT NULL,
	CONSTRAINT "x_edges_user_id_direction_x_id_pk" PRIMARY KEY("user_id","direction","x_id")
);
--> statement-breakpoint
ALTER TABLE "archive_imports" ADD CONSTRAINT "archive_imports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_history" ADD CONSTRAINT "consent_history_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_entries" ADD CONSTRAINT "directory_entries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_budget_usage" ADD CONSTRAINT "follow_budget_usage_linked_account_id_linked_accounts_id_fk" FOREIGN KEY ("linked_account_id") REFERENCES "public"."linked_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_schedules" ADD CONSTRAINT "follow_schedules_linked_account_id_linked_accounts_id_fk" FOREIGN KEY ("linked_account_id") REFERENCES "public"."linked_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "linked_accounts" ADD CONSTRAINT "linked_accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledges" ADD CONSTRAINT "pledges_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_consents" ADD CONSTRAINT "user_consents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "archive_imports_user_idx" ON "archive_imports" USING btree ("user_id","imported_at");--> statement-breakpoint
CREATE INDEX "consent_history_user_idx" ON "consent_history" USING btree ("user_id","changed_at");--> statement-breakpoint
CREATE INDEX "directory_entries_user_idx" ON "directory_entries" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "directory_entries_usable_since_idx" ON "directory_entries" USING btree ("platform","usable_since");--> statement-breakpoint
CREATE INDEX "follow_budget_usage_account_at_idx" ON "follow_budget_usage" USING btree ("linked_account_id","at");--> statement-breakpoint
CREATE INDEX "follow_schedules_served_idx" ON "follow_schedules" USING btree ("served_at" NULLS FIRST,"linked_account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "follow_tasks_user_platform_target_idx" ON "follow_tasks" USING btree ("user_id","platform","target");--> statement-breakpoint
CREATE INDEX "follow_tasks_due_idx" ON "follow_tasks" USING btree ("platform","state","not_before");--> statement-breakpoint
CREATE INDEX "follow_tasks_target_idx" ON "follow_tasks" USING btree ("platform","target");--> statement-breakpoint
CREATE INDEX "follow_tasks_open_idx" ON "follow_tasks" USING btree ("user_id","platform","id") WHERE state IN ('pending', 'in_flight');--> statement-breakpoint
CREATE UNIQUE INDEX "linked_accounts_user_platform_idx" ON "linked_accounts" USING btree ("user_id","platform");--> statement-breakpoint
CREATE INDEX "linked_accounts_account_idx" ON "linked_accounts" USING btree ("platform","account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notification_settings_token_idx" ON "notification_settings" USING btree ("unsubscribe_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_token_hash_idx" ON "sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "users_x_account_id_idx" ON "users" USING btree ("x_account_id");--> statement-breakpoint
CREATE INDEX "x_edges_target_idx" ON "x_edges" USING btree ("x_id","direction","user_id");