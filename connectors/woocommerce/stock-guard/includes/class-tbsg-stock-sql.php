<?php
/**
 * The stock statements, each one atomic in the database: WooCommerce keeps a managed product's
 * stock in postmeta `_stock` (with HPOS on or off: HPOS moves orders, not products) and mirrors it
 * in wc_product_meta_lookup. Every change here is one conditional UPDATE of that row, read back
 * inside the same transaction, so no other writer (a checkout, another move) can slip between the
 * read and the write the way WooCommerce's read-add-save of `inventory_delta` lets them.
 *
 * Only $wpdb is used, so the tests run this class against a real MariaDB without WordPress.
 *
 * @package Tillbridge_Stock_Guard
 */

defined( 'ABSPATH' ) || exit;

/** Atomic stock statements on postmeta `_stock` and the product lookup table. */
class TBSG_Stock_Sql {

	/** @var wpdb */
	private $db;

	/** @param wpdb $db WordPress's database object. */
	public function __construct( $db ) {
		$this->db = $db;
	}

	/**
	 * Adds $delta (negative: takes off) to the stock as it is when the statement runs.
	 *
	 * @return array{ok: bool, stock: ?float, code?: string}
	 */
	public function apply_delta( int $product_id, int $delta ): array {
		return $this->in_transaction(
			$product_id,
			function () use ( $product_id, $delta ) {
				$this->ensure_row( $product_id );
				$changed = $this->db->query(
					$this->db->prepare(
						"UPDATE {$this->db->postmeta} SET meta_value = meta_value + %d WHERE post_id = %d AND meta_key = '_stock'",
						$delta,
						$product_id
					)
				);
				return false === $changed ? self::db_error() : array( 'ok' => true );
			}
		);
	}

	/**
	 * Sets the stock to $set only if it still is $if_current ("compare and set"). When it is not,
	 * nothing changes and the answer carries the stock as it is.
	 *
	 * @return array{ok: bool, stock: ?float, code?: string}
	 */
	public function set_if_current( int $product_id, int $set, int $if_current ): array {
		return $this->in_transaction(
			$product_id,
			function () use ( $product_id, $set, $if_current ) {
				$this->ensure_row( $product_id );
				$current = $this->locked_stock( $product_id );
				if ( null === $current || (float) $current !== (float) $if_current ) {
					return array( 'ok' => false, 'code' => 'tbsg_stock_changed' );
				}
				$changed = $this->db->query(
					$this->db->prepare(
						"UPDATE {$this->db->postmeta} SET meta_value = %d WHERE post_id = %d AND meta_key = '_stock'",
						$set,
						$product_id
					)
				);
				return false === $changed ? self::db_error() : array( 'ok' => true );
			}
		);
	}

	/**
	 * Takes $qty off only if at least $qty are there: the checkout's decrement for products that
	 * do not allow backorders. Two checkouts can never both take the last units.
	 *
	 * @return array{ok: bool, stock: ?float, code?: string}
	 */
	public function decrement_if_available( int $product_id, int $qty ): array {
		return $this->in_transaction(
			$product_id,
			function () use ( $product_id, $qty ) {
				$changed = $this->db->query(
					$this->db->prepare(
						"UPDATE {$this->db->postmeta} SET meta_value = meta_value - %d WHERE post_id = %d AND meta_key = '_stock' AND CAST(meta_value AS DECIMAL(20,6)) >= %d",
						$qty,
						$product_id,
						$qty
					)
				);
				if ( false === $changed ) {
					return self::db_error();
				}
				return $changed > 0 || 0 === $qty ? array( 'ok' => true ) : array( 'ok' => false, 'code' => 'tbsg_not_enough_stock' );
			}
		);
	}

	/** The stock as stored now (null: no `_stock` row). */
	public function read_stock( int $product_id ): ?float {
		$value = $this->db->get_var(
			$this->db->prepare( "SELECT meta_value FROM {$this->db->postmeta} WHERE post_id = %d AND meta_key = '_stock' LIMIT 1", $product_id )
		);
		return null === $value || '' === $value ? null : (float) $value;
	}

	/**
	 * Mirrors the stock (and the stock status when given) into wc_product_meta_lookup, which
	 * catalogue queries and the admin read. A missing row is left to WooCommerce's own regeneration.
	 */
	public function sync_lookup( int $product_id, ?float $stock, ?string $stock_status = null ): void {
		$table = $this->db->prefix . 'wc_product_meta_lookup';
		if ( null === $stock_status ) {
			$this->db->query( $this->db->prepare( "UPDATE {$table} SET stock_quantity = %f WHERE product_id = %d", $stock, $product_id ) );
			return;
		}
		$this->db->query(
			$this->db->prepare( "UPDATE {$table} SET stock_quantity = %f, stock_status = %s WHERE product_id = %d", $stock, $stock_status, $product_id )
		);
	}

	/**
	 * Runs $change in a transaction and reads the stock back before committing: the row stays
	 * locked from the UPDATE to the COMMIT, so the value read is exactly the one this change left.
	 * A change that did not happen (refused, or a database error) is rolled back.
	 *
	 * @param callable $change Returns ['ok' => bool, 'code'?].
	 */
	private function in_transaction( int $product_id, callable $change ): array {
		$this->db->query( 'START TRANSACTION' );
		try {
			$result          = $change();
			$result['stock'] = $this->locked_stock( $product_id );
			$this->db->query( $result['ok'] ? 'COMMIT' : 'ROLLBACK' );
			return $result;
		} catch ( Throwable $e ) {
			$this->db->query( 'ROLLBACK' );
			throw $e;
		}
	}

	private static function db_error(): array {
		return array( 'ok' => false, 'code' => 'tbsg_db_error' );
	}

	/** The stock row read with a write lock (inside a transaction). */
	private function locked_stock( int $product_id ): ?float {
		$value = $this->db->get_var(
			$this->db->prepare( "SELECT meta_value FROM {$this->db->postmeta} WHERE post_id = %d AND meta_key = '_stock' LIMIT 1 FOR UPDATE", $product_id )
		);
		return null === $value || '' === $value ? null : (float) $value;
	}

	/** A managed product without a `_stock` row gets one at 0 first, as WooCommerce does. */
	private function ensure_row( int $product_id ): void {
		$exists = $this->db->get_var(
			$this->db->prepare( "SELECT meta_id FROM {$this->db->postmeta} WHERE post_id = %d AND meta_key = '_stock' LIMIT 1", $product_id )
		);
		if ( null === $exists ) {
			$this->db->query(
				$this->db->prepare( "INSERT INTO {$this->db->postmeta} (post_id, meta_key, meta_value) VALUES (%d, '_stock', '0')", $product_id )
			);
		}
	}
}
