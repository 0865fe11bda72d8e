/**
 * The page's frame: header (name, state, link to the engine), navigation, the current screen in
 * <main>, the demo banner. Screens are chosen by the address's hash (#/products), so links are
 * real links and the browser's back button works.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ActivityScreen } from './screens/activity-screen';
import { FirstRunScreen } from './screens/first-run-screen';
import { LinksScreen } from './screens/links-screen';
import { OrdersScreen } from './screens/orders-screen';
import { OverviewScreen } from './screens/overview-screen';
import { ProblemsScreen } from './screens/problems-screen';
import { ProductsScreen } from './screens/products-screen';
import { SettingsScreen } from './screens/settings-screen';
import { StateBadge } from './ui/state-badge';
import { useLink, useStatus } from './ui/services';
import { formatCount } from './lib/format';
import { parseRoute, type Route } from './lib/route';

const text = {
  appName: 'Tillbridge',
  skip: 'Skip to content',
  nav: 'Main',
  screens: {
    overview: 'Overview',
    problems: 'Problems',
    products: 'Products',
    orders: 'Orders',
    activity: 'Activity',
    settings: 'Settings',
  },
  problemCount: (n: string) => `${n} open`,
  offline: 'Offline — reconnecting to the Tillbridge engine…',
  refused: 'The engine refused this page’s access token. Open the dashboard again from Tillbridge (tray menu or the address that `tillbridge run` prints).',
  statusError: (why: string) => `The engine’s status could not be read: ${why}`,
  demo: 'Demo mode: a demo POS and a practice store, not your shop.',
  demoSetup: 'Connect your own in Settings.',
  setupNeeded: 'Tillbridge is not set up yet.',
  openSetup: 'Set up now',
};

const NAV: { route: Route; label: string }[] = [
  { route: 'overview', label: text.screens.overview },
  { route: 'problems', label: text.screens.problems },
  { route: 'products', label: text.screens.products },
  { route: 'orders', label: text.screens.orders },
  { route: 'activity', label: text.screens.activity },
  { route: 'settings', label: text.screens.settings },
];

function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return route;
}

export function App() {
  const route = useRoute();
  const link = useLink();
  const { status, error } = useStatus();
  const [wizard, setWizard] = useState<'auto' | 'open' | 'closed'>('auto');
  const showWizard = wizard === 'open' || (wizard === 'auto' && status?.state === 'setup');
  useEffect(() => { if (showWizard && wizard === 'auto') setWizard('open'); }, [showWizard, wizard]);

  const main = useFocusOnRoute(route);
  const screen: ReactNode = showWizard ? <FirstRunScreen onDone={() => { setWizard('closed'); location.hash = '#/overview'; }} /> : {
    overview: <OverviewScreen />,
    problems: <ProblemsScreen />,
    products: <ProductsScreen />,
    links: <LinksScreen />,
    orders: <OrdersScreen />,
    activity: <ActivityScreen />,
    settings: <SettingsScreen />,
  }[route];
  const navRoute: Route = route === 'links' ? 'products' : route;

  return (
    <>
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); main.current?.focus(); }}>{text.skip}</a>
      <header className="app-header">
        <span className="brand">{text.appName}</span>
        {status && <StateBadge state={status.state} stale={link !== 'open'} />}
        {!showWizard && (
          <nav aria-label={text.nav} className="main-nav">
            <ul>
              {NAV.map((n) => (
                <li key={n.route}>
                  <a href={`#/${n.route}`} aria-current={navRoute === n.route ? 'page' : undefined}>
                    {n.label}
                    {n.route === 'problems' && status && status.counts.openErrors > 0 && (
                      <span className="nav-count"><span className="visually-hidden">, </span>{text.problemCount(formatCount(status.counts.openErrors))}</span>
                    )}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <div className="banners" role="status" aria-live="polite">
        {(link === 'reconnecting') && <p className="banner banner-offline" data-testid="offline-banner">{text.offline}</p>}
        {link === 'refused' && <p className="banner banner-offline">{text.refused}</p>}
        {link === 'open' && error && <p className="banner banner-offline">{text.statusError(error)}</p>}
        {status?.demo && <p className="banner banner-demo" data-testid="demo-banner">{text.demo} <a href="#/settings">{text.demoSetup}</a></p>}
        {!showWizard && status?.state === 'setup' && (
          <p className="banner banner-demo">{text.setupNeeded} <button type="button" className="button-link" onClick={() => setWizard('open')}>{text.openSetup}</button></p>
        )}
      </div>
      <main id="main" tabIndex={-1} ref={main}>{screen}</main>
    </>
  );
}

/** After moving to another screen, focus goes to <main> so a keyboard or screen-reader user starts at its heading. */
function useFocusOnRoute(route: Route) {
  const ref = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) { first.current = false; return; }
    ref.current?.focus();
  }, [route]);
  return ref;
}
