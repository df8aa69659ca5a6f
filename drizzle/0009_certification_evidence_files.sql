CREATE TABLE "certification_evidence_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"process_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by_user_id" uuid,
	"uploaded_by_name" text,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "certification_evidence_files" ADD CONSTRAINT "certification_evidence_files_process_id_certification_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."certification_processes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_evidence_files" ADD CONSTRAINT "certification_evidence_files_criterion_id_certification_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."certification_criteria"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_evidence_files" ADD CONSTRAINT "certification_evidence_files_uploaded_by_user_id_users_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "certification_evidence_files_process_idx" ON "certification_evidence_files" USING btree ("process_id","criterion_id");