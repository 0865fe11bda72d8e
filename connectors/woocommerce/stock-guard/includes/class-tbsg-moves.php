<?php
/**
 * A batch of stock moves for Tillbridge: each item names a product or variation (by `id` or
 * `sku`) and either `delta` (add to the stock as it is) or `set` + `if_current` ("set to X only
 * if it is still Y"). Each item is one atomic statement (TBSG_Stock_Sql); afterwards WooCommerce
 * is told as its own stock functions tell it: caches and transients cleared, the lookup table
 * and the stock status updated, `woocommerce_product_set_stock` / `woocommerce_variation_set_stock`
 * fired. One answer per item, in order, with the stock the move left or the item's error.
 *
 * @package Tillbridge_Stock_Guard
 */

defined( 'ABSPATH' ) || exit;

/** Applies move batches. */
class TBSG_Moves {

	/** Most items one request may carry (like WooCommerce's batch endpoints). */
	const MAX_ITEMS = 100;

	/** @var TBSG_Stock_Sql */
	private $sql;

	public function __construct( TBSG_Stock_Sql $sql ) {
		$this->sql = $sql;
	}

	/**
	 * @param array $moves List of ['id' => int] or ['sku' => string] with ['delta' => int] or ['set' => int, 'if_current' => int].
	 * @return array One result per move: ['ok' => true, 'id', 'stock_quantity', 'product'] or ['ok' => false, 'error' => [...]].
	 */
	public function apply( array $moves ): array {
		$out = array();
		foreach ( array_values( $moves ) as $index => $move ) {
			try {
				$out[] = $this->apply_one( $index, $move );
			} catch ( Throwable $e ) {
				// Another plugin's hook failed after the statement: the item says so, the others go on.
				$out[] = self::error( $index, is_array( $move ) ? ( $move['id'] ?? null ) : null, 'tbsg_error', 'The move may have been applied, but the store failed afterwards: ' . $e->getMessage(), 500 );
			}
		}
		return $out;
	}

	private function apply_one( int $index, $move ): array {
		if ( ! is_array( $move ) ) {
			return self::error( $index, null, 'tbsg_invalid_move', 'A move must be an object.' );
		}
		$kind = self::kind_of( $move );
		if ( is_string( $kind ) && 0 === strpos( $kind, 'error:' ) ) {
			return self::error( $index, $move['id'] ?? null, 'tbsg_invalid_move', substr( $kind, 6 ) );
		}
		$product = self::find_product( $move );
		if ( ! $product ) {
			return self::error( $index, $move['id'] ?? null, 'tbsg_not_found', 'No product or variation has this id or SKU.', 404 );
		}
		$holder_id = $product->get_stock_managed_by_id();
		if ( ! $product->managing_stock() ) {
			return self::error( $index, $product->get_id(), 'tbsg_stock_not_managed', 'The store does not manage this product\'s stock; write an absolute stock_quantity with manage_stock first.', 409 );
		}
		if ( 'delta' === $kind ) {
			$result = $this->sql->apply_delta( $holder_id, (int) $move['delta'] );
		} else {
			$result = $this->sql->set_if_current( $holder_id, (int) $move['set'], (int) $move['if_current'] );
		}
		if ( ! $result['ok'] ) {
			$message = 'tbsg_stock_changed' === $result['code']
				? 'The stock was no longer the value given in if_current; nothing was changed.'
				: 'The database refused the stock change.';
			$error   = self::error( $index, $product->get_id(), $result['code'], $message, 'tbsg_stock_changed' === $result['code'] ? 409 : 500 );
			$error['stock_quantity'] = self::amount( $result['stock'] );
			return $error;
		}
		self::after_change( $holder_id, $result['stock'] );
		// The item asked for, read again (a variation whose parent holds the stock answers as itself).
		$fresh = wc_get_product( $product->get_id() );
		return array(
			'ok'             => true,
			'index'          => $index,
			'id'             => $product->get_id(),
			'stock_quantity' => self::amount( $result['stock'] ),
			'product'        => self::product_fields( $fresh ? $fresh : $product ),
		);
	}

	/** 'delta', 'set', or 'error:<why>'. */
	private static function kind_of( array $move ): string {
		$has_id  = isset( $move['id'] ) && is_int( $move['id'] ) && $move['id'] > 0;
		$has_sku = isset( $move['sku'] ) && is_string( $move['sku'] ) && '' !== trim( $move['sku'] );
		if ( ! $has_id && ! $has_sku ) {
			return 'error:A move needs a positive integer id or a non-empty sku.';
		}
		$has_delta = array_key_exists( 'delta', $move );
		$has_set   = array_key_exists( 'set', $move );
		if ( $has_delta === $has_set ) {
			return 'error:A move carries either delta, or set with if_current.';
		}
		if ( $has_delta ) {
			return is_int( $move['delta'] ) ? 'delta' : 'error:delta must be a whole number.';
		}
		if ( ! is_int( $move['set'] ) || ! array_key_exists( 'if_current', $move ) || ! is_int( $move['if_current'] ) ) {
			return 'error:set and if_current must both be whole numbers.';
		}
		return 'set';
	}

	/** @return WC_Product|null */
	private static function find_product( array $move ) {
		$id = ( isset( $move['id'] ) && is_int( $move['id'] ) ) ? $move['id'] : 0;
		if ( $id <= 0 ) {
			$id = (int) wc_get_product_id_by_sku( wc_clean( $move['sku'] ) );
		}
		if ( $id <= 0 ) {
			return null;
		}
		$product = wc_get_product( $id );
		return $product ? $product : null;
	}

	/**
	 * Tells WooCommerce and other plugins what changed, as wc_update_product_stock does after its
	 * own SQL: caches, lookup table, stock status (only saved when it changes), stock action.
	 *
	 */
	private static function after_change( int $holder_id, ?float $stock ): void {
		wp_cache_delete( $holder_id, 'post_meta' );
		if ( function_exists( 'clean_post_cache' ) ) {
			clean_post_cache( $holder_id ); // the post caches, and WooCommerce's product caches hooked to it
		}
		if ( function_exists( 'wc_delete_product_transients' ) ) {
			wc_delete_product_transients( $holder_id );
		}
		$product = wc_get_product( $holder_id );
		if ( ! $product ) {
			return;
		}
		$status = self::status_for( $product, $stock );
		tbsg()->sql()->sync_lookup( $holder_id, $stock, $status );
		if ( $status !== $product->get_stock_status() && function_exists( 'wc_update_product_stock_status' ) ) {
			wc_update_product_stock_status( $holder_id, $status );
			$product = wc_get_product( $holder_id );
		}
		if ( $product->is_type( 'variation' ) ) {
			do_action( 'woocommerce_variation_set_stock', $product );
		} else {
			do_action( 'woocommerce_product_set_stock', $product );
		}
	}

	/** The stock status WooCommerce's validate_props would give this stock. */
	private static function status_for( $product, ?float $stock ): string {
		$out_at = (int) get_option( 'woocommerce_notify_no_stock_amount', 0 );
		if ( null !== $stock && $stock > $out_at ) {
			return 'instock';
		}
		return $product->backorders_allowed() ? 'onbackorder' : 'outofstock';
	}

	/** The fields Tillbridge reads back, named as WooCommerce's REST API names them. */
	private static function product_fields( $product ): array {
		$from = $product->get_date_on_sale_from( 'edit' );
		$to   = $product->get_date_on_sale_to( 'edit' );
		return array(
			'id'                => $product->get_id(),
			'parent_id'         => $product->get_parent_id(),
			'type'              => $product->get_type(),
			'sku'               => $product->get_sku( 'edit' ),
			'status'            => $product->get_status( 'edit' ),
			'regular_price'     => (string) $product->get_regular_price( 'edit' ),
			'sale_price'        => (string) $product->get_sale_price( 'edit' ),
			'date_on_sale_from_gmt' => $from ? wc_rest_prepare_date_response( $from ) : null,
			'date_on_sale_to_gmt'   => $to ? wc_rest_prepare_date_response( $to ) : null,
			'manage_stock'      => $product->get_manage_stock(),
			'stock_quantity'    => $product->get_stock_quantity( 'edit' ),
		);
	}

	private static function amount( ?float $stock ) {
		if ( null === $stock ) {
			return null;
		}
		return floor( $stock ) === $stock ? (int) $stock : $stock;
	}

	private static function error( int $index, $id, string $code, string $message, int $status = 400 ): array {
		return array(
			'ok'    => false,
			'index' => $index,
			'id'    => is_int( $id ) ? $id : null,
			'error' => array( 'code' => $code, 'message' => $message, 'data' => array( 'status' => $status ) ),
		);
	}
}
