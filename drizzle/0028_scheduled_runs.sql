CREATE TABLE "scheduled_runs" (
	"task" text NOT NULL,
	"period" text NOT NULL,
	"instance" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"result" jsonb,
	"error" text,
	CONSTRAINT "scheduled_runs_task_period_pk" PRIMARY KEY("task","period")
);
--> statement-breakpoint
CREATE INDEX "scheduled_runs_started_idx" ON "scheduled_runs" USING btree ("started_at");