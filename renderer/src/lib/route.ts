/** The screens and how the address's hash names them ("#/products"); anything else is the overview. */
export const ROUTES = ['overview', 'problems', 'products', 'links', 'orders', 'activity', 'settings'] as const;
export type Route = (typeof ROUTES)[number];

export function parseRoute(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'overview';
}
