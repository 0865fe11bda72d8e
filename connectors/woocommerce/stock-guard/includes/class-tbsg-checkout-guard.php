<?php
/**
 * No oversell at checkout, for products that do not allow backorders. WooCommerce checks a
 * checkout's stock, reserves it and later takes it off in separate steps, so concurrent checkouts
 * can all pass the check and sell the last units several times (WooCommerce issue 44273). Two
 * layers close that:
 *
 * 1. Serialise per product: when a checkout starts (the Store API's POST /checkout as it validates
 *    its cart, the classic checkout's `woocommerce_checkout_process`, paying for an order), the
 *    request takes a MariaDB/MySQL named lock (GET_LOCK) for every product in the cart, in id order,
 *    and keeps them until the request ends. A second checkout for the same product waits, then
 *    sees the first one's reservation or reduction in WooCommerce's own checks and gets
 *    WooCommerce's normal out-of-stock error.
 * 2. Never below zero: WooCommerce's stock reduction (`meta_value = meta_value - qty`, passed
 *    through the `woocommerce_update_product_stock_query` filter) is replaced by the conditional
 *    decrement `... WHERE meta_value >= qty`. When it finds too few units the reduction throws
 *    WooCommerce's out-of-stock message instead of driving the stock negative; that item's
 *    stock stays unreduced and is not marked reduced, so a later cancellation gives nothing back.
 *
 * Orders are never read or written here, so HPOS on or off makes no difference.
 *
 * @package Tillbridge_Stock_Guard
 */

defined( 'ABSPATH' ) || exit;

/** Locks and the conditional decrement. */
class TBSG_Checkout_Guard {

	/** Seconds a checkout waits for another checkout of the same product. */
	const LOCK_WAIT = 15;

	/** @var bool This request is a Store API checkout. */
	private static $store_checkout = false;

	/** @var array<string, true> Named locks this request holds. */
	private static $held = array();

	public static function register(): void {
		add_filter( 'rest_request_before_callbacks', array( __CLASS__, 'notice_store_checkout' ), 10, 3 );
		add_action( 'woocommerce_store_api_validate_cart_item', array( __CLASS__, 'lock_cart_for_store_checkout' ), 1, 0 );
		add_action( 'woocommerce_checkout_process', array( __CLASS__, 'lock_cart' ), 1, 0 );
		add_action( 'woocommerce_before_pay_action', array( __CLASS__, 'lock_order' ), 1, 1 );
		add_filter( 'woocommerce_update_product_stock_query', array( __CLASS__, 'conditional_decrement' ), 10, 4 );
		add_action( 'shutdown', array( __CLASS__, 'release_all' ) );
	}

	/** Remembers that this REST request is a shopper's checkout (the cart is validated on reads too). */
	public static function notice_store_checkout( $response, $handler, $request ) {
		if ( is_object( $request ) && 'POST' === $request->get_method() && preg_match( '#^/wc/store(/v\d+)?/checkout/?$#', (string) $request->get_route() ) ) {
			self::$store_checkout = true;
		}
		return $response;
	}

	public static function lock_cart_for_store_checkout(): void {
		if ( self::$store_checkout ) {
			self::lock_cart();
		}
	}

	/** Locks every stock-holding product of the shopper's cart (once per request). */
	public static function lock_cart(): void {
		if ( ! TBSG_Settings::enabled() || ! empty( self::$held ) || ! function_exists( 'WC' ) || ! WC()->cart ) {
			return;
		}
		$ids = array();
		foreach ( WC()->cart->get_cart() as $item ) {
			if ( isset( $item['data'] ) && is_object( $item['data'] ) && $item['data']->managing_stock() ) {
				$ids[] = (int) $item['data']->get_stock_managed_by_id();
			}
		}
		self::lock_products( $ids );
	}

	/** Paying for an existing order ("order-pay" page): lock its products. */
	public static function lock_order( $order ): void {
		if ( ! TBSG_Settings::enabled() || ! empty( self::$held ) || ! is_object( $order ) ) {
			return;
		}
		$ids = array();
		foreach ( $order->get_items() as $item ) {
			$product = is_callable( array( $item, 'get_product' ) ) ? $item->get_product() : null;
			if ( $product && $product->managing_stock() ) {
				$ids[] = (int) $product->get_stock_managed_by_id();
			}
		}
		self::lock_products( $ids );
	}

	/**
	 * Takes the named locks for these stock records, in id order so two checkouts never wait on
	 * each other crosswise. A lock not obtained in time is skipped: the conditional decrement
	 * still keeps the stock from going below zero.
	 *
	 * @param int[] $ids Stock-holding product or variation ids.
	 * @return int[] The ids locked.
	 */
	public static function lock_products( array $ids ): array {
		global $wpdb;
		$ids = array_values( array_unique( array_filter( array_map( 'intval', $ids ) ) ) );
		sort( $ids );
		$locked = array();
		foreach ( $ids as $id ) {
			$name = self::lock_name( $id );
			if ( isset( self::$held[ $name ] ) ) {
				$locked[] = $id;
				continue;
			}
			$got = $wpdb->get_var( $wpdb->prepare( 'SELECT GET_LOCK(%s, %d)', $name, self::LOCK_WAIT ) );
			if ( '1' === (string) $got ) {
				self::$held[ $name ] = true;
				$locked[]            = $id;
			}
		}
		return $locked;
	}

	/** Releases every lock this request took (also released by the database when the connection ends). */
	public static function release_all(): void {
		global $wpdb;
		foreach ( array_keys( self::$held ) as $name ) {
			$wpdb->query( $wpdb->prepare( 'SELECT RELEASE_LOCK(%s)', $name ) );
		}
		self::$held           = array();
		self::$store_checkout = false;
	}

	/** One lock per stock record and site (named locks are server-wide; 64 characters at most). */
	private static function lock_name( int $id ): string {
		global $wpdb;
		return substr( 'tbsg_' . md5( DB_NAME . '|' . $wpdb->prefix ) . '_' . $id, 0, 64 );
	}

	/**
	 * The `woocommerce_update_product_stock_query` filter: a decrease of a product that does not
	 * allow backorders runs here as the conditional decrement, and WooCommerce's statement becomes
	 * a no-op. Anything else (sets, increases, backorder products, a statement another plugin
	 * rewrote) passes unchanged.
	 *
	 * @throws Exception With WooCommerce's out-of-stock wording when too few units are left.
	 */
	public static function conditional_decrement( $sql, $product_id, $new_stock = null, $operation = 'set' ) {
		if ( 'decrease' !== $operation || ! TBSG_Settings::enabled() ) {
			return $sql;
		}
		$qty = self::decrement_of( (string) $sql, (int) $product_id );
		if ( null === $qty ) {
			return $sql;
		}
		$product = wc_get_product( $product_id );
		if ( ! $product || $product->backorders_allowed() ) {
			return $sql;
		}
		$result = tbsg()->sql()->decrement_if_available( (int) $product_id, $qty );
		if ( ! $result['ok'] ) {
			/* translators: %s: product name */
			throw new Exception( sprintf( __( 'Sorry, we do not have enough "%s" in stock to fulfill your order. Please edit your cart and try again. We apologize for any inconvenience caused.', 'woocommerce' ), $product->get_name() ) );
		}
		return 'SELECT 1';
	}

	/**
	 * The quantity of WooCommerce's own decrement statement for this product, or null when the
	 * statement is not that (or not a whole number of units).
	 */
	public static function decrement_of( string $sql, int $product_id ): ?int {
		if ( ! preg_match( "/^\s*UPDATE\s+\S+\s+SET\s+meta_value\s*=\s*meta_value\s*-\s*([0-9]+(?:\.[0-9]+)?)\s+WHERE\s+post_id\s*=\s*(\d+)\s+AND\s+meta_key\s*=\s*'_stock'\s*;?\s*$/i", $sql, $m ) ) {
			return null;
		}
		if ( (int) $m[2] !== $product_id || floor( (float) $m[1] ) !== (float) $m[1] ) {
			return null;
		}
		return (int) $m[1];
	}
}
