CREATE TABLE "matrix_actors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"matrix_id" uuid NOT NULL,
	"name" text NOT NULL,
	"sector" text NOT NULL,
	"organization_id" uuid,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matrix_cells" (
	"task_id" uuid NOT NULL,
	"actor_id" uuid NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "matrix_cells_task_id_actor_id_pk" PRIMARY KEY("task_id","actor_id")
);
--> statement-breakpoint
CREATE TABLE "matrix_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"matrix_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matrix_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"matrix_id" uuid NOT NULL,
	"title" text NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"contact_email" text,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "responsibility_matrices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid,
	"municipality_number" char(4),
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "matrix_actors" ADD CONSTRAINT "matrix_actors_matrix_id_responsibility_matrices_id_fk" FOREIGN KEY ("matrix_id") REFERENCES "public"."responsibility_matrices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matrix_actors" ADD CONSTRAINT "matrix_actors_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matrix_cells" ADD CONSTRAINT "matrix_cells_task_id_matrix_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."matrix_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matrix_cells" ADD CONSTRAINT "matrix_cells_actor_id_matrix_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."matrix_actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matrix_changes" ADD CONSTRAINT "matrix_changes_matrix_id_responsibility_matrices_id_fk" FOREIGN KEY ("matrix_id") REFERENCES "public"."responsibility_matrices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matrix_tasks" ADD CONSTRAINT "matrix_tasks_matrix_id_responsibility_matrices_id_fk" FOREIGN KEY ("matrix_id") REFERENCES "public"."responsibility_matrices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsibility_matrices" ADD CONSTRAINT "responsibility_matrices_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsibility_matrices" ADD CONSTRAINT "responsibility_matrices_municipality_number_municipalities_number_fk" FOREIGN KEY ("municipality_number") REFERENCES "public"."municipalities"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "matrix_actors_matrix_idx" ON "matrix_actors" USING btree ("matrix_id","position");--> statement-breakpoint
CREATE INDEX "matrix_cells_actor_idx" ON "matrix_cells" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "matrix_changes_matrix_idx" ON "matrix_changes" USING btree ("matrix_id","at");--> statement-breakpoint
CREATE INDEX "matrix_tasks_matrix_idx" ON "matrix_tasks" USING btree ("matrix_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "responsibility_matrices_draft_uq" ON "responsibility_matrices" USING btree ("workshop_id") WHERE "responsibility_matrices"."municipality_number" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "responsibility_matrices_published_uq" ON "responsibility_matrices" USING btree ("municipality_number") WHERE "responsibility_matrices"."municipality_number" is not null;