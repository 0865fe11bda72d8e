/**
 * Believable shop customers for the demo generators: names, towns and e-mail addresses from a
 * seeded source, so the same seed always gives the same customer book. Addresses are invented
 * (example.com / example.org mail, made-up streets).
 */
import { SeededRandom } from './seeded-random';

const FIRST = ['Ada', 'Ben', 'Chloe', 'Dev', 'Ella', 'Farid', 'Grace', 'Hugo', 'Isla', 'Jonas', 'Kira', 'Liam', 'Maya', 'Noah', 'Olga', 'Priya', 'Quinn', 'Rosa', 'Sam', 'Tariq'];
const LAST = ['Archer', 'Bell', 'Carter', 'Dunn', 'Evans', 'Fischer', 'Gray', 'Hughes', 'Ibrahim', 'Jones', 'Khan', 'Lopez', 'Moreau', 'Novak', "O'Neill", 'Patel', 'Reid', 'Silva', 'Turner', 'Wood'];
const TOWNS: readonly [string, string][] = [['Bristol', 'BS1 4DJ'], ['Leeds', 'LS1 5AB'], ['York', 'YO1 7HH'], ['Bath', 'BA1 1LZ'], ['Derby', 'DE1 2FS'], ['Exeter', 'EX1 1GA']];
const STREETS = ['High Street', 'Mill Lane', 'Station Road', 'Church Walk', 'Park Avenue', 'Queen Street'];

/** One invented customer. */
export interface Person {
  firstName: string;
  lastName: string;
  email: string;
  address1: string;
  city: string;
  postcode: string;
  country: string;
  phone: string;
}

/** `count` distinct people (distinct e-mails), the same for the same seed. */
export function* people(count: number, seed = 11): Generator<Person> {
  const r = new SeededRandom(seed);
  for (let i = 1; i <= count; i++) {
    const firstName = r.pick(FIRST);
    const lastName = r.pick(LAST);
    const [city, postcode] = r.pick(TOWNS);
    const local = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '');
    yield {
      firstName, lastName, city, postcode, country: 'GB',
      email: `${local}.${i}@${r.chance(0.5) ? 'example.com' : 'example.org'}`,
      address1: `${r.int(1, 180)} ${r.pick(STREETS)}`,
      phone: `07700 9${String(r.int(0, 99999)).padStart(5, '0')}`,
    };
  }
}
