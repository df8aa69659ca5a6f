CREATE TABLE "public_site_contacts" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"position" integer NOT NULL,
	"role_sv" text NOT NULL,
	"role_en" text NOT NULL,
	"phone" text,
	CONSTRAINT "public_site_contacts_position_check" CHECK ("public_site_contacts"."position" >= 1)
);
--> statement-breakpoint
CREATE TABLE "public_site_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"intro_sv" text NOT NULL,
	"intro_en" text NOT NULL,
	"accessibility_status" text DEFAULT 'partial' NOT NULL,
	"shortcomings_sv" text DEFAULT '' NOT NULL,
	"shortcomings_en" text DEFAULT '' NOT NULL,
	"testing_sv" text DEFAULT '' NOT NULL,
	"testing_en" text DEFAULT '' NOT NULL,
	"statement_date" date NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "public_site_settings_one_row" CHECK ("public_site_settings"."id" = 1),
	CONSTRAINT "public_site_settings_status_check" CHECK ("public_site_settings"."accessibility_status" in ('full', 'partial', 'none'))
);
--> statement-breakpoint
ALTER TABLE "public_site_contacts" ADD CONSTRAINT "public_site_contacts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;