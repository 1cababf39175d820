-- Communities (src/communities): a group that moves together. Members are X ids; an imported
-- member is only invited until they consent, and is listed (member list, network lists) only
-- with their own consent. The invite token is stored hashed.
CREATE TABLE "communities" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"invite_token_hash" text NOT NULL,
	"bluesky_user_id" bigint,
	"bluesky_list_uri" text,
	"bluesky_starter_pack_uri" text,
	"bluesky_synced_at" timestamp with time zone,
	"bluesky_error" text,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "communities_slug_idx" ON "communities" USING btree ("slug");
--> statement-breakpoint
CREATE UNIQUE INDEX "communities_invite_token_idx" ON "communities" USING btree ("invite_token_hash");
--> statement-breakpoint
ALTER TABLE "communities" ADD CONSTRAINT "communities_bluesky_user_id_users_id_fk" FOREIGN KEY ("bluesky_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
CREATE TABLE "community_organisers" (
	"community_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_organisers_pk" PRIMARY KEY ("community_id", "user_id")
);
--> statement-breakpoint
ALTER TABLE "community_organisers" ADD CONSTRAINT "community_organisers_community_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "community_organisers" ADD CONSTRAINT "community_organisers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "community_organisers_user_idx" ON "community_organisers" USING btree ("user_id");
--> statement-breakpoint
CREATE TABLE "community_members" (
	"community_id" bigint NOT NULL,
	"x_id" text NOT NULL,
	"state" text DEFAULT 'invited' NOT NULL,
	"source" text NOT NULL,
	"listed" boolean DEFAULT false NOT NULL,
	"follow_all" boolean DEFAULT false NOT NULL,
	"mastodon_list" boolean DEFAULT false NOT NULL,
	"mastodon_list_id" text,
	"mastodon_synced_at" timestamp with time zone,
	"mastodon_error" text,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	"joined_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_members_pk" PRIMARY KEY ("community_id", "x_id")
);
--> statement-breakpoint
ALTER TABLE "community_members" ADD CONSTRAINT "community_members_community_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "community_members_x_id_idx" ON "community_members" USING btree ("x_id");
--> statement-breakpoint
CREATE TABLE "circle_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"users" integer NOT NULL,
	"edges" integer NOT NULL,
	"circles" integer NOT NULL,
	"modularity" double precision NOT NULL,
	"duration_ms" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_circles" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"circle" integer NOT NULL,
	"followers" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "user_circles" ADD CONSTRAINT "user_circles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "user_circles_circle_idx" ON "user_circles" USING btree ("circle");
