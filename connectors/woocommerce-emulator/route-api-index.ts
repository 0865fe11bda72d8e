/**
 * The wc/v3 namespace index: answers without credentials, which makes it the cheap "is the store
 * there at all" probe a client can use before it has keys.
 */
import type { Route } from './router';

export const indexRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/wc/v3',
    access: 'public',
    handler: (req) => ({
      status: 200,
      body: {
        namespace: 'wc/v3',
        routes: {},
        _links: { up: [{ href: `${req.base}/wp-json/` }] },
      },
    }),
  },
];
