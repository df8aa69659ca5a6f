CREATE TABLE "follow_up_periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"deadline" date NOT NULL,
	"reminder_days_before" integer DEFAULT 14 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follow_up_periods_dates_check" CHECK ("follow_up_periods"."ends_on" >= "follow_up_periods"."starts_on"),
	CONSTRAINT "follow_up_periods_reminder_check" CHECK ("follow_up_periods"."reminder_days_before" >= 0 and "follow_up_periods"."reminder_days_before" <= 90)
);
--> statement-breakpoint
CREATE TABLE "plan_action_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"period_id" uuid NOT NULL,
	"action_id" uuid NOT NULL,
	"status" text NOT NULL,
	"comment" text,
	"reported_at" timestamp with time zone NOT NULL,
	"reported_by_user_id" uuid,
	"reported_by_name" text
);
--> statement-breakpoint
CREATE TABLE "plan_goal_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"period_id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	"assessment" text NOT NULL,
	"analysis" text,
	"reported_at" timestamp with time zone NOT NULL,
	"reported_by_user_id" uuid,
	"reported_by_name" text
);
--> statement-breakpoint
CREATE TABLE "plan_indicator_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"period_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"women" numeric(14, 2),
	"men" numeric(14, 2),
	"total" numeric(14, 2) NOT NULL,
	"missing_split_reason" text,
	"comment" text,
	"reported_at" timestamp with time zone NOT NULL,
	"reported_by_user_id" uuid,
	"reported_by_name" text
);
--> statement-breakpoint
ALTER TABLE "plan_action_reports" ADD CONSTRAINT "plan_action_reports_period_id_follow_up_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."follow_up_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_action_reports" ADD CONSTRAINT "plan_action_reports_action_id_plan_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."plan_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_action_reports" ADD CONSTRAINT "plan_action_reports_reported_by_user_id_users_id_fk" FOREIGN KEY ("reported_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_goal_reports" ADD CONSTRAINT "plan_goal_reports_period_id_follow_up_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."follow_up_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_goal_reports" ADD CONSTRAINT "plan_goal_reports_goal_id_plan_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."plan_goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_goal_reports" ADD CONSTRAINT "plan_goal_reports_reported_by_user_id_users_id_fk" FOREIGN KEY ("reported_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_indicator_reports" ADD CONSTRAINT "plan_indicator_reports_period_id_follow_up_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."follow_up_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_indicator_reports" ADD CONSTRAINT "plan_indicator_reports_indicator_id_plan_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."plan_indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_indicator_reports" ADD CONSTRAINT "plan_indicator_reports_reported_by_user_id_users_id_fk" FOREIGN KEY ("reported_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "follow_up_periods_year_name_unique" ON "follow_up_periods" USING btree ("year","name");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_action_reports_unique" ON "plan_action_reports" USING btree ("period_id","action_id");--> statement-breakpoint
CREATE INDEX "plan_action_reports_action_idx" ON "plan_action_reports" USING btree ("action_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_goal_reports_unique" ON "plan_goal_reports" USING btree ("period_id","goal_id");--> statement-breakpoint
CREATE INDEX "plan_goal_reports_goal_idx" ON "plan_goal_reports" USING btree ("goal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_indicator_reports_unique" ON "plan_indicator_reports" USING btree ("period_id","indicator_id");--> statement-breakpoint
CREATE INDEX "plan_indicator_reports_indicator_idx" ON "plan_indicator_reports" USING btree ("indicator_id");