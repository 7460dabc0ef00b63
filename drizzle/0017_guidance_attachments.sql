CREATE TABLE "guidance_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"message_id" uuid,
	"file_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "guidance_attachments" ADD CONSTRAINT "guidance_attachments_request_id_guidance_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."guidance_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_attachments" ADD CONSTRAINT "guidance_attachments_message_id_guidance_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."guidance_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_attachments" ADD CONSTRAINT "guidance_attachments_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "guidance_attachments_request_idx" ON "guidance_attachments" USING btree ("request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "guidance_attachments_file_idx" ON "guidance_attachments" USING btree ("file_id");