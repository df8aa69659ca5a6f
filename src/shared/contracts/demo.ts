import { z } from 'zod';
import { roles } from '../permissions.js';

export const demoResult = z.object({
  administrations: z.number().int(),
  units: z.number().int(),
  employees: z.number().int(),
  accounts: z.array(z.object({ email: z.string(), name: z.string(), role: z.enum(roles), scope: z.string().nullable() })),
  password: z.string(),
});
export type DemoResultBody = z.infer<typeof demoResult>;
