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
CREATE TABLE "mastodon_apps" (
	"instance" text PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"client_secret" text NOT NULL,
	"scopes" text NOT NULL,
	"redirect_uri" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
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
ALTER TABLE "follow_budget_usage" ADD CONSTRAINT "follow_budget_usage_linked_account_id_linked_accounts_id_fk" FOREIGN KEY ("linked_account_id") REFERENCES "public"."linked_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_schedules" ADD CONSTRAINT "follow_schedules_linked_account_id_linked_accounts_id_fk" FOREIGN KEY ("linked_account_id") REFERENCES "public"."linked_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "follow_budget_usage_account_at_idx" ON "follow_budget_usage" USING btree ("linked_account_id","at");--> statement-breakpoint
CREATE INDEX "follow_schedules_served_idx" ON "follow_schedules" USING btree ("served_at" NULLS FIRST,"linked_account_id");--> statement-breakpoint
CREATE INDEX "follow_tasks_open_idx" ON "follow_tasks" USING btree ("user_id","platform","id") WHERE state IN ('pending', 'in_flight');