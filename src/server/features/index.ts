import type { AppInstance } from '../app.js';
import { healthRoutes } from './health/routes.js';
import { setupRoutes } from './setup/routes.js';
import { demoRoutes } from './demo/routes.js';
import { authRoutes } from './auth/routes.js';
import { auditRoutes } from './audit/routes.js';
import { administrationRoutes } from './administrations/routes.js';
import { unitRoutes } from './units/routes.js';
import { employeeRoutes } from './employees/routes.js';
import { importRoutes } from './imports/routes.js';
import { overviewRoutes } from './overview/routes.js';
import { usersRoutes } from './users/routes.js';
import { tokensRoutes } from './tokens/routes.js';
import { outboxRoutes } from './outbox/routes.js';
import { trainingRecordRoutes } from './training-records/routes.js';
import { calendarRoutes } from './calendar/routes.js';
import { enrolmentRoutes } from './enrolments/routes.js';
import { courseRoutes } from './courses/routes.js';
import { trainingSessionRoutes } from './training-sessions/routes.js';
import { trainingSettingsRoutes } from './training-settings/routes.js';
import { coverageRoutes } from './coverage/routes.js';
import { programmeRoutes } from './programmes/routes.js';
import { certificationRoutes } from './certification/routes.js';
import { evidenceRoutes } from './certification/evidence-routes.js';
import { planRoutes } from './plans/routes.js';
import { followUpRoutes } from './plans/follow-up-routes.js';

/** Every feature's routes, registered in this order. A new feature adds its routes here. */
export const featureRoutes: ((app: AppInstance) => Promise<void>)[] = [healthRoutes, setupRoutes, demoRoutes, authRoutes, auditRoutes, administrationRoutes, unitRoutes, employeeRoutes, importRoutes, overviewRoutes, usersRoutes, tokensRoutes, outboxRoutes, courseRoutes, trainingSessionRoutes, trainingSettingsRoutes, enrolmentRoutes, coverageRoutes, programmeRoutes, trainingRecordRoutes, calendarRoutes, certificationRoutes, evidenceRoutes, planRoutes, followUpRoutes];
