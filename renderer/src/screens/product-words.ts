/** Words for a product's link to the store, shared by the product list, its detail and the link report. */
import type { ChannelAnswer } from '../../../electron/engine/api/channels';

type LinkState = NonNullable<ChannelAnswer<'products'>['items'][number]['link']>;
type Category = ChannelAnswer<'linkReport'>[number]['category'];

export const linkStateText: Record<LinkState | 'none', string> = {
  linked: 'Linked',
  broken: 'Link broken',
  'pending-create': 'Waiting to be created',
  'off-web': 'Off the web (stock 0)',
  missing: 'Missing in the store',
  none: 'Not linked',
};

export const categoryText: Record<Category, string> = {
  linked: 'Linked',
  new: 'New (created as a draft)',
  'missing-in-store': 'SKU missing in the store',
  'duplicate-in-pos': 'SKU duplicated in the POS',
  'duplicate-in-store': 'SKU duplicated in the store',
  broken: 'Link broken',
  invalid: 'Invalid POS data',
  'off-web': 'Left the web selection (stock 0)',
  'deleted-in-pos': 'Deleted in the POS (stock 0)',
};

export const CATEGORIES = Object.keys(categoryText) as Category[];
