-- Obstacles, solutions and their votes (issue 13). A custom migration: the schema snapshots already held these tables when 0019 and 0020 were generated beside them.
CREATE TABLE "workshop_obstacle_votes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"obstacle_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workshop_obstacles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"theme" text NOT NULL,
	"text" text NOT NULL,
	"participant_id" uuid,
	"created_by_user_id" uuid,
	"merged_into_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workshop_solution_votes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"solution_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workshop_solutions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"obstacle_id" uuid NOT NULL,
	"text" text NOT NULL,
	"participant_id" uuid,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "workshop_obstacle_votes" ADD CONSTRAINT "workshop_obstacle_votes_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_obstacle_votes" ADD CONSTRAINT "workshop_obstacle_votes_obstacle_id_workshop_obstacles_id_fk" FOREIGN KEY ("obstacle_id") REFERENCES "public"."workshop_obstacles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_obstacle_votes" ADD CONSTRAINT "workshop_obstacle_votes_participant_id_workshop_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."workshop_participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_obstacles" ADD CONSTRAINT "workshop_obstacles_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_obstacles" ADD CONSTRAINT "workshop_obstacles_participant_id_workshop_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."workshop_participants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_obstacles" ADD CONSTRAINT "workshop_obstacles_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_obstacles" ADD CONSTRAINT "workshop_obstacles_merged_into_id_workshop_obstacles_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."workshop_obstacles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_solution_votes" ADD CONSTRAINT "workshop_solution_votes_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_solution_votes" ADD CONSTRAINT "workshop_solution_votes_solution_id_workshop_solutions_id_fk" FOREIGN KEY ("solution_id") REFERENCES "public"."workshop_solutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_solution_votes" ADD CONSTRAINT "workshop_solution_votes_participant_id_workshop_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."workshop_participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_solutions" ADD CONSTRAINT "workshop_solutions_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_solutions" ADD CONSTRAINT "workshop_solutions_obstacle_id_workshop_obstacles_id_fk" FOREIGN KEY ("obstacle_id") REFERENCES "public"."workshop_obstacles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_solutions" ADD CONSTRAINT "workshop_solutions_participant_id_workshop_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."workshop_participants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_solutions" ADD CONSTRAINT "workshop_solutions_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "workshop_obstacle_votes_uq" ON "workshop_obstacle_votes" USING btree ("obstacle_id","participant_id");--> statement-breakpoint
CREATE INDEX "workshop_obstacle_votes_participant_idx" ON "workshop_obstacle_votes" USING btree ("workshop_id","participant_id");--> statement-breakpoint
CREATE INDEX "workshop_obstacles_workshop_idx" ON "workshop_obstacles" USING btree ("workshop_id","theme");--> statement-breakpoint
CREATE INDEX "workshop_obstacles_theme_idx" ON "workshop_obstacles" USING btree ("theme");--> statement-breakpoint
CREATE UNIQUE INDEX "workshop_solution_votes_uq" ON "workshop_solution_votes" USING btree ("solution_id","participant_id");--> statement-breakpoint
CREATE INDEX "workshop_solution_votes_participant_idx" ON "workshop_solution_votes" USING btree ("workshop_id","participant_id");--> statement-breakpoint
CREATE INDEX "workshop_solutions_obstacle_idx" ON "workshop_solutions" USING btree ("obstacle_id");--> statement-breakpoint
CREATE INDEX "workshop_solutions_workshop_idx" ON "workshop_solutions" USING btree ("workshop_id");