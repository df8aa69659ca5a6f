CREATE TABLE "employee_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_by_user_id" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text DEFAULT 'web' NOT NULL,
	"file_name" text NOT NULL,
	"file_size" integer NOT NULL,
	"file_content" "bytea",
	"mode" text DEFAULT 'partial' NOT NULL,
	"status" text DEFAULT 'previewed' NOT NULL,
	"settings" jsonb NOT NULL,
	"summary" jsonb,
	"problems" jsonb,
	"error" text,
	"committed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "employee_imports" ADD CONSTRAINT "employee_imports_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "employee_imports_created_idx" ON "employee_imports" USING btree ("created_at");