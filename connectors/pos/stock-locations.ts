/**
 * A stock location the settings name but the POS does not have (a typo in `pos.options.locations`,
 * a location renamed in the POS) reads as no stock at all: with none of them found every web stock
 * would be pushed as 0. These helpers name the locations no stock row carries, so `check` can say
 * so and a complete read can refuse to zero the web store.
 */
import type { Profile } from './profile';
import type { Row } from './drivers/sql-driver';

/** The configured locations (the `locations` parameter), when the profile reads stock per location. */
export function configuredLocations(profile: Profile): string[] | null {
  const locations = profile.parameters.locations;
  if (!profile.stock?.columns.location || !Array.isArray(locations) || locations.length === 0) return null;
  return locations.map((l) => String(l));
}

/** Configured locations that no stock row carries (compared as the POS wrote them, trimmed). */
export function missingLocations(profile: Profile, stockRows: readonly Row[]): string[] {
  const wanted = configuredLocations(profile);
  if (!wanted) return [];
  const column = profile.stock!.columns.location!.toUpperCase();
  const seen = new Set<string>();
  for (const row of stockRows) {
    const key = Object.keys(row).find((k) => k.toUpperCase() === column);
    if (key !== undefined && row[key] !== null && row[key] !== undefined) seen.add(String(row[key]).trim());
  }
  return wanted.filter((l) => !seen.has(l.trim()));
}

/** The words for locations no stock row carries. */
export function missingLocationsMessage(missing: readonly string[], all: boolean): string {
  const list = missing.map((l) => `"${l}"`).join(', ');
  return all
    ? `None of the stock locations the settings name (${list}) has a stock row in the POS, so every web stock would be 0; nothing is sent. Check pos.options.locations against the POS's location codes.`
    : `The stock location${missing.length > 1 ? 's' : ''} ${list} that the settings name ${missing.length > 1 ? 'have' : 'has'} no stock row in the POS: ${missing.length > 1 ? 'they add' : 'it adds'} nothing to the web stock. Check pos.options.locations against the POS's location codes.`;
}
