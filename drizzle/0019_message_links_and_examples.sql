CREATE TABLE "citizen_message_action_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid NOT NULL,
	"action_lineage_id" uuid NOT NULL,
	"plan_series_id" uuid NOT NULL,
	"linked_by_user_id" uuid,
	"linked_by_name" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "citizen_message_examples" (
	"message_id" uuid PRIMARY KEY NOT NULL,
	"question" text NOT NULL,
	"answer" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by_user_id" uuid,
	"published_by_name" text
);
--> statement-breakpoint
ALTER TABLE "citizen_message_action_links" ADD CONSTRAINT "citizen_message_action_links_message_id_citizen_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."citizen_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_message_action_links" ADD CONSTRAINT "citizen_message_action_links_linked_by_user_id_users_id_fk" FOREIGN KEY ("linked_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_message_examples" ADD CONSTRAINT "citizen_message_examples_message_id_citizen_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."citizen_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_message_examples" ADD CONSTRAINT "citizen_message_examples_published_by_user_id_users_id_fk" FOREIGN KEY ("published_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "citizen_message_action_links_unique" ON "citizen_message_action_links" USING btree ("message_id","action_lineage_id");--> statement-breakpoint
CREATE INDEX "citizen_message_action_links_lineage_idx" ON "citizen_message_action_links" USING btree ("action_lineage_id");--> statement-breakpoint
CREATE INDEX "citizen_message_examples_published_idx" ON "citizen_message_examples" USING btree ("published_at");