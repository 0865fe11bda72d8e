/**
 * /customers: list (default role `customer`, `role=all` adds other users; `email=` matches the
 * account e-mail exactly but in any letter case, never the billing e-mail), create, read, update,
 * delete (force only) and batch.
 */
import { BATCH_ARGS, runBatch } from './batch';
import { allUsers, customerView, findUser, removeCustomer } from './customer-model';
import { checkCustomerAddresses, createCustomer, updateCustomer } from './customer-write';
import { isEmail } from './order-input';
import { phpInt } from './php-values';
import { editable, invalidParams, pagingHeaders, restError, type EmuRequest, type EmuResponse, type Route } from './router';
import type { EmuState } from './state';
import type { ArgSchemas } from './wp-args';

const COLLECTION = '/wc/v3/customers';
const ITEM = '/wc/v3/customers/:id';

const ROLES = ['all', 'administrator', 'editor', 'author', 'contributor', 'subscriber', 'customer', 'shop_manager'];

const LIST_ARGS: ArgSchemas = {
  context: { type: 'string', enum: ['view', 'edit'] },
  page: { type: 'integer', minimum: 1 },
  per_page: { type: 'integer', minimum: 1, maximum: 100 },
  search: { type: 'string' },
  exclude: { type: 'array', items: { type: 'integer' } },
  include: { type: 'array', items: { type: 'integer' } },
  offset: { type: 'integer' },
  order: { type: 'string', enum: ['asc', 'desc'] },
  orderby: { type: 'string', enum: ['id', 'include', 'name', 'registered_date'] },
  email: { type: 'string' },
  role: { type: 'string', enum: ROLES },
};

const WRITE_ARGS: ArgSchemas = {
  email: { type: 'string' },
  first_name: { type: 'string' },
  last_name: { type: 'string' },
  username: { type: 'string' },
  password: { type: 'string' },
  billing: { type: 'object' },
  shipping: { type: 'object' },
  meta_data: { type: 'array' },
};

function created(req: EmuRequest, state: EmuState, input: Record<string, unknown>): EmuResponse {
  if (input.email === undefined || input.email === null) {
    return restError('rest_missing_callback_param', 'Missing parameter(s): email', 400, { params: ['email'] });
  }
  const addressProblem = checkCustomerAddresses(input);
  if (addressProblem) return addressProblem;
  const result = createCustomer(state, input);
  if (!result.ok) return result.response;
  return {
    status: 201,
    body: customerView(result.customer, req.base),
    headers: { Location: `${req.base}/wp-json/wc/v3/customers/${result.customer.id}` },
  };
}

/** WooCommerce 10 checks the user exists while checking permissions: an unknown id is a 404 before anything else. */
function unknownUser(req: EmuRequest, state: EmuState): EmuResponse | null {
  return findUser(state, Number(req.params.id)) ? null : invalidUser();
}

function invalidUser(): EmuResponse {
  return restError('wc_user_invalid_id', 'Invalid user ID.', 404);
}

function updated(req: EmuRequest, state: EmuState, id: number, input: Record<string, unknown>): EmuResponse {
  const customer = findUser(state, id);
  if (!customer) return invalidUser();
  const addressProblem = checkCustomerAddresses(input);
  if (addressProblem) return addressProblem;
  const result = updateCustomer(state, customer, input);
  if (!result.ok) return result.response;
  return { status: 200, body: customerView(result.customer, req.base) };
}

function deleted(req: EmuRequest, state: EmuState, id: number, force: boolean): EmuResponse {
  const customer = findUser(state, id);
  if (!customer) return invalidUser();
  if (!force) return restError('woocommerce_rest_trash_not_supported', 'Customers do not support trashing.', 501);
  const body = customerView(customer, req.base);
  if (!removeCustomer(state, id)) return restError('woocommerce_rest_cannot_delete', 'The resource cannot be deleted.', 500);
  return { status: 200, body };
}

export const customerRoutes: Route[] = [
  {
    method: 'GET',
    pattern: COLLECTION,
    args: LIST_ARGS,
    handler: (req, state) => {
      const a = req.args;
      if (typeof a.email === 'string' && !isEmail(a.email)) {
        return invalidParams({ email: { code: 'rest_invalid_email', message: 'Invalid email address.' } });
      }
      const role = typeof a.role === 'string' ? a.role : 'customer';
      const include = (a.include as number[] | undefined) ?? [];
      const exclude = (a.exclude as number[] | undefined) ?? [];
      const search = typeof a.search === 'string' ? a.search.toLowerCase() : '';
      let users = allUsers(state).filter(
        (u) =>
          (role === 'all' || u.role === role) &&
          (typeof a.email !== 'string' || u.email.toLowerCase() === a.email.toLowerCase()) &&
          (include.length === 0 || include.includes(u.id)) &&
          !exclude.includes(u.id) &&
          (search === '' || [u.email, u.username, u.firstName, u.lastName].some((f) => f.toLowerCase().includes(search))),
      );
      const orderby = typeof a.orderby === 'string' ? a.orderby : 'name';
      const dir = a.order === 'desc' ? -1 : 1;
      users = users.sort((x, y) => {
        if (orderby === 'include') return include.indexOf(x.id) - include.indexOf(y.id);
        if (orderby === 'name') return dir * (x.username.localeCompare(y.username) || x.id - y.id);
        if (orderby === 'registered_date') return dir * (x.dateCreated - y.dateCreated || x.id - y.id);
        return dir * (x.id - y.id);
      });
      const page = typeof a.page === 'number' ? a.page : 1;
      const perPage = typeof a.per_page === 'number' ? a.per_page : 10;
      const start = typeof a.offset === 'number' ? a.offset : (page - 1) * perPage;
      const slice = users.slice(start, start + perPage);
      const headers = pagingHeaders(req, users.length, page, Math.ceil(users.length / perPage));
      return { status: 200, body: slice.map((u) => customerView(u, req.base)), headers };
    },
  },
  { method: 'POST', pattern: COLLECTION, args: WRITE_ARGS, handler: (req, state) => created(req, state, req.args) },
  ...editable(
    `${COLLECTION}/batch`,
    (req, state) =>
      runBatch(req, {
        create: (item) => created(req, state, item),
        update: (item) => updated(req, state, phpInt(item.id), item),
        delete: (id) => deleted(req, state, id, true),
      }),
    { args: BATCH_ARGS },
  ),
  {
    method: 'GET',
    pattern: ITEM,
    args: { context: { type: 'string', enum: ['view', 'edit'] } },
    permission: unknownUser,
    handler: (req, state) => {
      const customer = findUser(state, Number(req.params.id));
      return customer ? { status: 200, body: customerView(customer, req.base) } : invalidUser();
    },
  },
  ...editable(ITEM, (req, state) => updated(req, state, Number(req.params.id), req.args), { args: WRITE_ARGS, permission: unknownUser }),
  {
    method: 'DELETE',
    pattern: ITEM,
    args: { force: { type: 'boolean' }, reassign: { type: 'integer' } },
    permission: unknownUser,
    handler: (req, state) => deleted(req, state, Number(req.params.id), req.args.force === true),
  },
];
