CREATE TABLE "action_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"series_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"scope" text NOT NULL,
	"administration_id" uuid,
	"unit_id" uuid,
	"area" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"start_year" integer NOT NULL,
	"end_year" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"adopted_on" date,
	"adopted_by" text,
	"is_public" boolean DEFAULT false NOT NULL,
	"change_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_user_id" uuid,
	"created_by_name" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_plans_period_check" CHECK ("action_plans"."end_year" >= "action_plans"."start_year"),
	CONSTRAINT "action_plans_scope_check" CHECK (("action_plans"."scope" = 'municipality' and "action_plans"."administration_id" is null and "action_plans"."unit_id" is null)
        or ("action_plans"."scope" = 'administration' and "action_plans"."administration_id" is not null and "action_plans"."unit_id" is null)
        or ("action_plans"."scope" = 'unit' and "action_plans"."unit_id" is not null and "action_plans"."administration_id" is null))
);
--> statement-breakpoint
CREATE TABLE "plan_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"goal_id" uuid NOT NULL,
	"lineage_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"responsible_user_id" uuid,
	"start_date" date,
	"due_date" date,
	"status" text DEFAULT 'not_started' NOT NULL,
	"status_changed_at" timestamp with time zone,
	CONSTRAINT "plan_actions_dates_check" CHECK ("plan_actions"."due_date" is null or "plan_actions"."start_date" is null or "plan_actions"."due_date" >= "plan_actions"."start_date")
);
--> statement-breakpoint
CREATE TABLE "plan_goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"lineage_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"serves_goal_id" uuid
);
--> statement-breakpoint
CREATE TABLE "plan_indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"goal_id" uuid NOT NULL,
	"lineage_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"measure" text NOT NULL,
	"direction" text NOT NULL,
	"target" numeric(14, 2),
	"about_people" boolean DEFAULT false NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_administration_id_administrations_id_fk" FOREIGN KEY ("administration_id") REFERENCES "public"."administrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_goal_id_plan_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."plan_goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_responsible_user_id_users_id_fk" FOREIGN KEY ("responsible_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_goals" ADD CONSTRAINT "plan_goals_plan_id_action_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."action_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_indicators" ADD CONSTRAINT "plan_indicators_goal_id_plan_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."plan_goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "action_plans_series_version_unique" ON "action_plans" USING btree ("series_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "action_plans_one_draft_unique" ON "action_plans" USING btree ("series_id") WHERE "action_plans"."status" = 'draft';--> statement-breakpoint
CREATE INDEX "action_plans_administration_idx" ON "action_plans" USING btree ("administration_id");--> statement-breakpoint
CREATE INDEX "action_plans_unit_idx" ON "action_plans" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "plan_actions_goal_idx" ON "plan_actions" USING btree ("goal_id","position");--> statement-breakpoint
CREATE INDEX "plan_actions_responsible_idx" ON "plan_actions" USING btree ("responsible_user_id");--> statement-breakpoint
CREATE INDEX "plan_goals_plan_idx" ON "plan_goals" USING btree ("plan_id","position");--> statement-breakpoint
CREATE INDEX "plan_goals_serves_idx" ON "plan_goals" USING btree ("serves_goal_id");--> statement-breakpoint
CREATE INDEX "plan_indicators_goal_idx" ON "plan_indicators" USING btree ("goal_id","position");