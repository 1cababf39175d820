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
ALTER TABLE "follow_tasks" ADD CONSTRAINT "follow_tasks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "linked_accounts" ADD CONSTRAINT "linked_accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "archive_imports_user_idx" ON "archive_imports" USING btree ("user_id","imported_at");--> statement-breakpoint
CREATE UNIQUE INDEX "follow_tasks_user_platform_target_idx" ON "follow_tasks" USING btree ("user_id","platform","target");--> statement-breakpoint
CREATE INDEX "follow_tasks_due_idx" ON "follow_tasks" USING btree ("platform","state","not_before");--> statement-breakpoint
CREATE UNIQUE INDEX "linked_accounts_user_platform_idx" ON "linked_accounts" USING btree ("user_id","platform");--> statement-breakpoint
CREATE INDEX "linked_accounts_account_idx" ON "linked_accounts" USING btree ("platform","account_id");--> statement-breakpoint
CREATE INDEX "users_x_account_id_idx" ON "users" USING btree ("x_account_id");--> statement-breakpoint
CREATE INDEX "x_edges_target_idx" ON "x_edges" USING btree ("x_id","direction","user_id");