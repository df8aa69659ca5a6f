CREATE TABLE "citizen_message_form_keys" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"secret" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "citizen_message_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid NOT NULL,
	"text" text NOT NULL,
	"author_user_id" uuid,
	"author_name" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "citizen_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"administration_id" uuid,
	"text" text NOT NULL,
	"contact_name" text,
	"contact_email" text,
	"status" text DEFAULT 'new' NOT NULL,
	"hateful" boolean DEFAULT false NOT NULL,
	"assigned_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"acknowledge_by" timestamp with time zone NOT NULL,
	"answer_by" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_by_name" text,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "citizen_message_notes" ADD CONSTRAINT "citizen_message_notes_message_id_citizen_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."citizen_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_message_notes" ADD CONSTRAINT "citizen_message_notes_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_messages" ADD CONSTRAINT "citizen_messages_administration_id_administrations_id_fk" FOREIGN KEY ("administration_id") REFERENCES "public"."administrations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_messages" ADD CONSTRAINT "citizen_messages_assigned_user_id_users_id_fk" FOREIGN KEY ("assigned_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "citizen_message_notes_message_idx" ON "citizen_message_notes" USING btree ("message_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "citizen_messages_code_unique" ON "citizen_messages" USING btree ("code");--> statement-breakpoint
CREATE INDEX "citizen_messages_created_idx" ON "citizen_messages" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "citizen_messages_administration_idx" ON "citizen_messages" USING btree ("administration_id","created_at");