/** Product routes (/wc/v3/products...). Filled in below the framework commit. */
import type { Route } from '../router';

export const productRoutes: Route[] = [];
