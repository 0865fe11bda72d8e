/**
 * What WordPress keeps of a product's name (or description) written through WooCommerce's REST
 * API. The products controller passes the text through wp_filter_post_kses and wp_insert_post
 * unslashes the post fields, so one level of backslashes is lost: "1,5–10 mm \ métricas" is saved
 * as "1,5–10 mm  métricas", "a\\b" as "a\b". SKUs keep theirs (WooCommerce slashes post meta).
 */

/** PHP's stripslashes: each backslash is dropped and the character after it kept. */
export function savedPostText(text: string): string {
  return text.replace(/\\(.?)/gs, '$1');
}
