-- An archive sent in parts: the upload is an import job (its id names the hidden edge set the
-- parts are written to), with what was declared at its start and the parts received so far.
-- Both go with the job (and the job with its user); housekeeping deletes them once the job ended.
CREATE TABLE "archive_uploads" (
	"job_id" bigint PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"session_id" bigint NOT NULL,
	"owner" jsonb NOT NULL,
	"layout" text NOT NULL,
	"source" text NOT NULL,
	"warnings" jsonb NOT NULL,
	"part_size" integer NOT NULL,
	"following" integer NOT NULL,
	"followers" integer NOT NULL,
	"blocking" integer NOT NULL,
	"muting" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "archive_uploads" ADD CONSTRAINT "archive_uploads_job_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."archive_import_jobs"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "archive_uploads_user_idx" ON "archive_uploads" USING btree ("user_id", "job_id");
--> statement-breakpoint
-- One row per part: its id count and digest (a retry must carry the same ids), whether all its
-- rows are written, and how many new edges its statements added (duplicates across parts add none).
CREATE TABLE "archive_upload_parts" (
	"job_id" bigint NOT NULL,
	"direction" smallint NOT NULL,
	"part" integer NOT NULL,
	"ids" integer NOT NULL,
	"digest" text NOT NULL,
	"stored" boolean DEFAULT false NOT NULL,
	"inserted" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "archive_upload_parts_pk" PRIMARY KEY ("job_id", "direction", "part")
);
--> statement-breakpoint
ALTER TABLE "archive_upload_parts" ADD CONSTRAINT "archive_upload_parts_job_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."archive_uploads"("job_id") ON DELETE cascade ON UPDATE no action;
