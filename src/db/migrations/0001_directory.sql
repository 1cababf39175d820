CREATE TABLE "activation_settings" (
	"id" smallint PRIMARY KEY NOT NULL,
	"activates_at" timestamp with time zone NOT NULL,
	"released_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
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
CREATE TABLE "notification_settings" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"digest_enabled" boolean DEFAULT true NOT NULL,
	"unsubscribe_token_hash" text NOT NULL,
	"last_digest_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
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
ALTER TABLE "consent_history" ADD CONSTRAINT "consent_history_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_entries" ADD CONSTRAINT "directory_entries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_consents" ADD CONSTRAINT "user_consents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_history_user_idx" ON "consent_history" USING btree ("user_id","changed_at");--> statement-breakpoint
CREATE INDEX "directory_entries_user_idx" ON "directory_entries" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "directory_entries_usable_since_idx" ON "directory_entries" USING btree ("platform","usable_since");--> statement-breakpoint
CREATE UNIQUE INDEX "notification_settings_token_idx" ON "notification_settings" USING btree ("unsubscribe_token_hash");