export * from './organisation.js';
export * from './users.js';
export * from './system.js';
export * from './imports.js';
export * from './training.js';
export * from './certification.js';
export * from './plans.js';
export * from './plan-follow-up.js';
