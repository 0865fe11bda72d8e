/**
 * Every REST route the emulator serves, collected from the route modules. Order matters only for
 * patterns that could both match one path: list the more specific (e.g. `/products/batch`) first.
 */
import type { Route } from './router';
import { productRoutes } from './route-products';
import { variationRoutes } from './route-variations';
import { indexRoutes } from './route-api-index';
// --- orders / customers helper: register your route modules here (one import + one spread) ---
import { orderRoutes } from './route-orders';
import { customerRoutes } from './route-customers';
import { stockGuardRoutes } from './stock-guard-plugin';

/** All routes, in matching order. */
export const allRoutes: Route[] = [
  ...indexRoutes,
  ...variationRoutes,
  ...productRoutes,
  ...orderRoutes,
  ...customerRoutes,
  ...stockGuardRoutes,
];
