/**
 * The plain words behind each failure: for a WooCommerce error code, an HTTP status or a network
 * code, what happened (naming the URL or call when that helps) and what a person can do about it.
 * Kept apart from the classification so wording can change without touching the retry rules.
 */
import type { CallContext } from './woo-error-classify';

/** What the store said, read from `{code, message, data}`. */
export interface WooErrorBody {
  code?: string;
  message?: string;
  status?: number;
  resourceId?: number;
  uniqueSku?: string;
  params?: Record<string, string>;
}

export type Explained = { summary: string; hint: string };


const KEYS_HINT =
  'Check the consumer key and secret in WooCommerce → Settings → Advanced → REST API (copy them again, or create a new key).';
const STRIPPED_AUTH_HINT =
  "If the keys are right, the web server may be dropping the Authorization header: set the connection's auth mode to 'query' (over HTTPS) or 'oauth1' (over plain http).";

/** Summary and hint for an HTTP failure or a failed batch item. */
export function explain(status: number, wc: WooErrorBody, headers: Record<string, string | undefined>, ctx: CallContext): Explained {
  const code = wc.code ?? '';
  const msg = wc.message ?? '';
  const params = wc.params ? Object.entries(wc.params).map(([k, v]) => `${k} (${v})`).join('; ') : '';
  switch (code) {
    case 'product_invalid_sku':
      return {
        summary: wc.resourceId
          ? `this SKU is already used by product ${wc.resourceId} in the store.`
          : 'the store refused this SKU as invalid or already used.',
        hint: wc.resourceId
          ? `Link the POS item to product ${wc.resourceId} instead of creating it (if an earlier create timed out, that product is probably the one it made), or change the SKU on one side.`
          : 'Search the store for the SKU and link or rename the product that holds it.',
      };
    case 'woocommerce_rest_product_not_created':
      if (/lookup table|already present/i.test(msg)) {
        return {
          summary: 'this SKU still belongs to a product in the WooCommerce trash.',
          hint: 'Empty the trash (Products → Trash → Empty trash) or restore that product, then sync again.',
        };
      }
      return { summary: `the store could not create the product (${msg}).`, hint: 'Read the store message and fix the product data in the POS.' };
    case 'woocommerce_rest_product_invalid_id':
    case 'woocommerce_rest_invalid_id':
      return {
        summary: 'this product does not exist in the store (it was deleted, or the id is wrong).',
        hint: 'Run a full resync: Tillbridge relinks products by SKU.',
      };
    case 'woocommerce_rest_invalid_product_id':
      return {
        summary: 'this is a variation, and the store only accepts variation writes through its parent product.',
        hint: 'Run a full resync so the variation is linked to its parent; report this if it repeats.',
      };
    case 'woocommerce_rest_product_variation_invalid_id':
      return {
        summary: 'this variation does not belong to the given parent product (moved or deleted).',
        hint: 'Run a full resync: Tillbridge relinks variations by SKU.',
      };
    case 'woocommerce_rest_shop_order_invalid_id':
    case 'woocommerce_rest_order_invalid_id':
      return { summary: 'this order does not exist in the store.', hint: 'The order may have been deleted permanently; check it in WooCommerce → Orders.' };
    case 'registration-error-email-exists':
      return {
        summary: 'a customer account with this e-mail already exists.',
        hint: 'Find the customer by e-mail and update it instead of creating it.',
      };
    case 'customer_invalid_email':
    case 'woocommerce_rest_customer_invalid_email':
      return { summary: 'the store refused this e-mail address (invalid, or used by another account).', hint: 'Correct the e-mail address.' };
    case 'woocommerce_rest_request_entity_too_large':
      return {
        summary: 'the store refused a batch of more than 100 items.',
        hint: 'Tillbridge splits batches at 100 items; if you see this, report it as a bug.',
      };
    case 'rest_invalid_param':
      return { summary: `the store refused a value: ${params || msg}.`, hint: 'Correct the value in the POS (or the setting that produced it) and sync again.' };
    case 'rest_missing_callback_param':
      return { summary: `a required value was missing: ${params || msg}.`, hint: 'Fill in the missing value and try again.' };
    case 'rest_invalid_json':
      return { summary: 'the store could not read the data Tillbridge sent (invalid JSON).', hint: 'Report this as a bug; a proxy or firewall may also be altering requests.' };
    case 'rest_no_route':
      return {
        summary: `the store at ${ctx.storeUrl ?? 'this address'} has no WooCommerce REST route for ${ctx.method} ${ctx.path}.`,
        hint: "Check the store address (the site's home address, e.g. https://shop.example.com, without /wp-json), that WooCommerce is active and up to date, and that Settings → Permalinks is not set to 'Plain'.",
      };
    case 'woocommerce_rest_authentication_error':
      return withAuthModeHint(explainAuthError(msg), ctx);
  }
  return explainStatus(status, code, msg, headers, ctx);
}

/**
 * Over plain http the store decides which authentication counts: WooCommerce itself takes only
 * OAuth 1.0a signatures there, but a host that rewrites the address on its way in (a proxy, a
 * load balancer) breaks every signature ("Invalid signature"), and some sites are set up to take
 * Basic instead. So a refusal over plain http suggests the other authMode.
 */
function otherAuthMode(ctx: CallContext): string | null {
  if (!ctx.authMode || !ctx.storeUrl?.toLowerCase().startsWith('http:')) return null;
  if (ctx.authMode === 'oauth1') {
    return "Over plain http this store may not take OAuth 1.0a signatures (a proxy or a rewritten address breaks them): try the connection's authMode 'basic', which plain http allows only for a store on this PC; better, use the store's https:// address (authMode 'auto' then uses Basic).";
  }
  return `Over plain http WooCommerce takes only OAuth 1.0a signatures, not keys sent with authMode '${ctx.authMode}': set the connection's authMode to 'oauth1' (or 'auto'), or use the store's https:// address.`;
}

function withAuthModeHint(e: Explained, ctx: CallContext): Explained {
  const other = otherAuthMode(ctx);
  // A read-only key, or a wrong secret sent as Basic (the store did read the Basic keys), is no auth-mode matter.
  const keysWereRead = /read-only/.test(e.summary) || (ctx.authMode !== 'oauth1' && /secret does not match/.test(e.summary));
  return other && !keysWereRead ? { ...e, hint: `${other} ${e.hint}` } : e;
}

function explainAuthError(msg: string): Explained {
  if (/write permission/i.test(msg)) {
    return {
      summary: 'the API key is read-only, so the store refused the write.',
      hint: "Edit the key in WooCommerce → Settings → Advanced → REST API and set Permissions to 'Read/Write'.",
    };
  }
  if (/secret is invalid/i.test(msg)) {
    return { summary: 'the consumer secret does not match the consumer key.', hint: KEYS_HINT };
  }
  if (/signature|timestamp|nonce/i.test(msg)) {
    return {
      summary: `the store refused the OAuth signature (${msg}).`,
      hint: "Check the keys and that this PC's clock is right (OAuth allows 15 minutes). Better: use the store's https:// address.",
    };
  }
  return { summary: `the store refused the API key (${msg}).`, hint: KEYS_HINT };
}

function explainStatus(status: number, code: string, msg: string, headers: Record<string, string | undefined>, ctx: CallContext): Explained {
  const storeSaid = msg ? ` (store said: ${msg})` : code ? ` (${code})` : '';
  if (status >= 300 && status < 400) {
    const to = headers.location ?? 'another address';
    return {
      summary: `the store redirected ${ctx.method} ${ctx.path} to ${to}.`,
      hint: 'Use the address the store redirects to as the store address (often https:// or with/without www).',
    };
  }
  switch (status) {
    case 401: {
      const other = otherAuthMode(ctx);
      return { summary: `the store did not accept the API keys${storeSaid}.`, hint: other ? `${other} ${KEYS_HINT}${ctx.authMode === 'oauth1' ? '' : ` ${STRIPPED_AUTH_HINT}`}` : `${KEYS_HINT} ${STRIPPED_AUTH_HINT}` };
    }
    case 403:
      return {
        summary: `the store forbade this request${storeSaid}.`,
        hint: "Use a Read/Write key created by an administrator or shop manager. If the answer is a web page, a security plugin or firewall is blocking this PC: allow its address.",
      };
    case 404:
      return { summary: `the store has nothing at ${ctx.method} ${ctx.path}${storeSaid}.`, hint: 'It may have been deleted in WooCommerce; a full resync relinks by SKU.' };
    case 408:
      return { summary: 'the store timed out reading the request.', hint: 'Tillbridge tries again by itself; check the network if it keeps happening.' };
    case 413:
      return {
        summary: 'the store\'s web server refused the request as too large.',
        hint: "Raise the web server's request size limit (nginx client_max_body_size, PHP post_max_size), or ask the host to.",
      };
    case 429:
      return { summary: 'the store\'s host is limiting how fast Tillbridge may call it.', hint: 'Tillbridge waits and tries again; if it persists, ask the host to allow this PC\'s address.' };
    case 500:
      return {
        summary: `the store failed with an internal error${storeSaid}.`,
        hint: 'Tillbridge tries again. If it repeats, look at WooCommerce → Status → Logs or the host\'s PHP error log (often a plugin conflict).',
      };
    case 502:
    case 504:
    case 520:
    case 521:
    case 522:
    case 523:
    case 524:
      return {
        summary: `the store's web server got no good answer from WordPress (HTTP ${status}).`,
        hint: 'The site is slow or overloaded; Tillbridge tries again. If it lasts, contact the host.',
      };
    case 503:
      return {
        summary: 'the store is temporarily unavailable (maintenance or overload).',
        hint: 'Tillbridge waits and tries again.',
      };
  }
  if (status >= 400 && status < 500) {
    return { summary: `the store refused the request (HTTP ${status})${storeSaid}.`, hint: 'Read the store message; correct the data and try again.' };
  }
  return { summary: `the store answered HTTP ${status}${storeSaid}.`, hint: 'Try again later; contact the host if it lasts.' };
}

/** Summary and hint for a call that got no HTTP answer. */
export function explainNetwork(code: string, raw: string, ctx: CallContext, timeoutMs: number | undefined): Explained {
  const where = ctx.storeUrl ?? 'the store';
  switch (code) {
    case 'tillbridge_timeout':
    case 'ETIMEDOUT':
    case 'ECONNABORTED':
    case 'ERR_SOCKET_CONNECTION_TIMEOUT':
      return {
        summary: `the store did not answer ${ctx.method} ${ctx.path} within ${timeoutMs ? `${Math.round(timeoutMs / 1000)} s` : 'the time limit'}.`,
        hint: 'The store is slow or unreachable; Tillbridge tries again. Raise the timeout if the store is always slow.',
      };
    case 'ECONNREFUSED':
      return { summary: `nothing accepted the connection at ${where}.`, hint: 'Check the store address and port, and that the site is up.' };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { summary: `the store's host name could not be resolved (${where}).`, hint: 'Check the store address and this PC\'s internet connection.' };
    case 'ECONNRESET':
    case 'EPIPE':
      return { summary: `the connection to the store was cut during ${ctx.method} ${ctx.path}.`, hint: 'Usually a network glitch or a busy host; Tillbridge tries again when that is safe.' };
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'ENETDOWN':
    case 'EHOSTDOWN':
      return { summary: 'the store cannot be reached from this PC (network down).', hint: 'Check the PC\'s network connection.' };
    case 'ERR_CANCELED':
      return { summary: `the call ${ctx.method} ${ctx.path} was cancelled.`, hint: 'It was stopped on purpose (pause or shutdown); run it again when ready.' };
  }
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|EPROTO/.test(code)) {
    return {
      summary: `the secure connection to the store failed (${code}).`,
      hint: 'The site\'s HTTPS certificate is invalid or expired, or the address uses the wrong scheme or port. Fix the certificate or the address.',
    };
  }
  return { summary: `talking to the store failed (${code}: ${raw}).`, hint: 'Check the network and the store address.' };
}
