-- Follow edges are stored per import ("edge set"): an archive is staged in chunks under its own
-- set while it is hidden, then shown by one short transaction that also hides the set it
-- replaces. x_edges stays the name every reader uses: a view of the rows whose set is not hidden.
ALTER TABLE "x_edges" RENAME TO "x_edge_rows";
--> statement-breakpoint
ALTER TABLE "x_edge_rows" ADD COLUMN "edge_set" bigint DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE "x_edge_rows" DROP CONSTRAINT "x_edges_user_id_direction_x_id_pk";
--> statement-breakpoint
ALTER TABLE "x_edge_rows" ADD CONSTRAINT "x_edge_rows_pk" PRIMARY KEY ("user_id", "edge_set", "direction", "x_id");
--> statement-breakpoint
DROP INDEX "x_edges_target_idx";
--> statement-breakpoint
CREATE INDEX "x_edge_rows_target_idx" ON "x_edge_rows" USING btree ("x_id", "direction", "user_id", "edge_set");
--> statement-breakpoint
CREATE TABLE "x_edge_hidden" (
	"user_id" bigint NOT NULL,
	"edge_set" bigint NOT NULL,
	"hidden_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "x_edge_hidden_pk" PRIMARY KEY ("user_id", "edge_set")
);
--> statement-breakpoint
CREATE VIEW "x_edges" AS
  SELECT r.user_id, r.direction, r.x_id FROM "x_edge_rows" r
   WHERE NOT EXISTS (SELECT 1 FROM "x_edge_hidden" h WHERE h.user_id = r.user_id AND h.edge_set = r.edge_set);
--> statement-breakpoint
CREATE TABLE "archive_import_jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"state" text DEFAULT 'staging' NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"total" integer NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "archive_import_jobs" ADD CONSTRAINT "archive_import_jobs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "archive_import_jobs_user_idx" ON "archive_import_jobs" USING btree ("user_id", "id");
