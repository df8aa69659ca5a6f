CREATE TABLE "citizen_message_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"contact_retention_days" integer DEFAULT 90 NOT NULL,
	"text_retention_days" integer DEFAULT 730 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "citizen_messages" ADD COLUMN "contact_removed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "citizen_messages" ADD COLUMN "text_removed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "citizen_messages_closed_idx" ON "citizen_messages" USING btree ("closed_at");--> statement-breakpoint
INSERT INTO "citizen_message_settings" ("id") VALUES (1);