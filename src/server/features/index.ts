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

/** Every feature's routes, registered in this order. A new feature adds its routes here. */
export const featureRoutes: ((app: AppInstance) => Promise<void>)[] = [healthRoutes, setupRoutes, demoRoutes, authRoutes, auditRoutes, administrationRoutes, unitRoutes, employeeRoutes, importRoutes, overviewRoutes, usersRoutes, tokensRoutes, outboxRoutes];
