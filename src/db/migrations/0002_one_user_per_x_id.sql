-- One X id is one user. Where several users hold the same X id, the keeper is the one who proved
-- it (else the oldest). The others keep their data but lose the claim: an unproven claim never
-- redirected anyone, so nothing anyone sees changes. A keeper without an archive takes over the
-- newest archive of the others (its import and its edges); their linked accounts are never moved,
-- since nobody proved who linked them.
CREATE TEMP TABLE x_id_duplicates AS
  WITH ranked AS (
    SELECT u.id, u.x_account_id,
           row_number() OVER (PARTITION BY u.x_account_id ORDER BY u.x_proven_at IS NULL, u.id) AS rn
      FROM users u
     WHERE u.x_account_id IS NOT NULL
       AND u.x_account_id IN (SELECT x_account_id FROM users WHERE x_account_id IS NOT NULL
                               GROUP BY x_account_id HAVING count(*) > 1))
  SELECT r.id AS user_id, k.id AS keeper_id
    FROM ranked r JOIN ranked k ON k.x_account_id = r.x_account_id AND k.rn = 1
   WHERE r.rn > 1;
--> statement-breakpoint
CREATE TEMP TABLE x_id_archive_moves AS
  SELECT DISTINCT ON (d.keeper_id) d.keeper_id, d.user_id AS donor_id
    FROM x_id_duplicates d
    JOIN archive_imports a ON a.user_id = d.user_id
   WHERE NOT EXISTS (SELECT 1 FROM archive_imports k WHERE k.user_id = d.keeper_id)
     AND NOT EXISTS (SELECT 1 FROM x_edges k WHERE k.user_id = d.keeper_id)
   ORDER BY d.keeper_id, a.imported_at DESC, a.id DESC;
--> statement-breakpoint
UPDATE x_edges e SET user_id = m.keeper_id FROM x_id_archive_moves m WHERE e.user_id = m.donor_id;
--> statement-breakpoint
UPDATE archive_imports a SET user_id = m.keeper_id FROM x_id_archive_moves m WHERE a.user_id = m.donor_id;
--> statement-breakpoint
DELETE FROM directory_entries e USING x_id_duplicates d WHERE e.user_id = d.user_id;
--> statement-breakpoint
UPDATE users u SET x_account_id = NULL FROM x_id_duplicates d WHERE u.id = d.user_id;
--> statement-breakpoint
DROP INDEX IF EXISTS "users_x_account_id_idx";
--> statement-breakpoint
DROP TABLE x_id_archive_moves, x_id_duplicates;
--> statement-breakpoint
CREATE UNIQUE INDEX "users_x_account_id_unique" ON "users" USING btree ("x_account_id");
--> statement-breakpoint
-- Following back one's X followers is its own consent, off by default.
ALTER TABLE "user_consents" ADD COLUMN "follow_back" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
-- Who gave a consent: the person (web) or the operator on their behalf (`passerelle reconnect`).
ALTER TABLE "consent_history" ADD COLUMN "given_by" text DEFAULT 'user' NOT NULL;
