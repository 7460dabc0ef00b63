CREATE TABLE "workshop_action_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"action_id" uuid,
	"action_title" text NOT NULL,
	"kind" text NOT NULL,
	"from_value" text,
	"to_value" text,
	"actor_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workshop_action_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"text" text NOT NULL,
	"author_label" text NOT NULL,
	"author_organization_id" uuid,
	"author_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workshop_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"solution_id" uuid,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"owner_organization_id" uuid NOT NULL,
	"contact_name" text NOT NULL,
	"contact_email" text,
	"contact_phone" text,
	"deadline" date NOT NULL,
	"status" text DEFAULT 'not_started' NOT NULL,
	"due_reminder_sent_at" timestamp with time zone,
	"due_reminder_for" date,
	"overdue_reminder_sent_at" timestamp with time zone,
	"overdue_reminder_for" date,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workshop_actions_contact" CHECK ("workshop_actions"."contact_email" is not null or "workshop_actions"."contact_phone" is not null)
);
--> statement-breakpoint
ALTER TABLE "workshop_action_changes" ADD CONSTRAINT "workshop_action_changes_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_action_changes" ADD CONSTRAINT "workshop_action_changes_action_id_workshop_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."workshop_actions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_action_changes" ADD CONSTRAINT "workshop_action_changes_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_action_notes" ADD CONSTRAINT "workshop_action_notes_action_id_workshop_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."workshop_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_action_notes" ADD CONSTRAINT "workshop_action_notes_author_organization_id_organizations_id_fk" FOREIGN KEY ("author_organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_action_notes" ADD CONSTRAINT "workshop_action_notes_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_actions" ADD CONSTRAINT "workshop_actions_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_actions" ADD CONSTRAINT "workshop_actions_solution_id_workshop_solutions_id_fk" FOREIGN KEY ("solution_id") REFERENCES "public"."workshop_solutions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_actions" ADD CONSTRAINT "workshop_actions_owner_organization_id_organizations_id_fk" FOREIGN KEY ("owner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_actions" ADD CONSTRAINT "workshop_actions_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workshop_action_changes_workshop_idx" ON "workshop_action_changes" USING btree ("workshop_id","created_at");--> statement-breakpoint
CREATE INDEX "workshop_action_notes_action_idx" ON "workshop_action_notes" USING btree ("action_id","created_at");--> statement-breakpoint
CREATE INDEX "workshop_actions_workshop_idx" ON "workshop_actions" USING btree ("workshop_id","deadline");--> statement-breakpoint
CREATE INDEX "workshop_actions_owner_idx" ON "workshop_actions" USING btree ("owner_organization_id");