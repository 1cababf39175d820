-- Open tasks of one account by the time they are due (no time set = the epoch): the engine's
-- claim probes it for a due task and its wake-up time takes each account's earliest, instead of
-- walking every open task.
CREATE INDEX "follow_tasks_open_due_idx" ON "follow_tasks" USING btree ("user_id", "platform", (coalesce("not_before", 'epoch'::timestamptz))) WHERE state IN ('pending', 'in_flight', 'requested');
