CREATE TABLE "certification_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"renewal_reminder_months" integer[] DEFAULT '{6,3,1}'::integer[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
INSERT INTO "certification_settings" ("id") VALUES (1);
